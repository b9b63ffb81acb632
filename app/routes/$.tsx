// Any address no other route claims: a 404 page in the site's layout.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
