// A committee's new-meeting and new-thread pages (/committees/:slug/meetings/new, /threads/new):
// the committee named in the address or a 404, and the form page's data in the reader's language.
import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "../domain/accounts/permissions";
import { committeeForm } from "../domain/committees/queries.server";
import { committeeBySlug } from "../domain/deliberation/queries.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** The committee a form is sent to (its action); 404 when the address names none. */
export async function committeeOr404(context: AppLoadContext, slug: string | undefined) {
  return (await committeeBySlug(context.services.db, slug ?? "")) ?? notFound();
}

/** The form page's data (its loader): the committee's name, whether the reader may send it, the agenda's choices. */
export async function committeeFormPage(context: AppLoadContext, slug: string | undefined, actor: Actor, form: "meeting" | "thread") {
  const found = (await committeeForm(context.services.db, slug ?? "", actor, form)) ?? notFound();
  const { committee, allowed, choices } = found;
  return { slug: committee.slug, name: context.locale === "ko" ? committee.name_ko : committee.name_en, allowed, choices };
}
