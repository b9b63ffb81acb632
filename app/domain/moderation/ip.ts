// The network a request came from, coarse enough not to identify a household: the /24 of an
// IPv4 address, the /48 of an IPv6 one. Stored with a support for the burst watch only.
import { isIPv4, isIPv6 } from "node:net";

function expandIPv6(ip: string): string[] | null {
  const [head, tail, ...rest] = ip.split("::");
  if (rest.length) return null;
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 1) return null;
  return [...left, ...Array(tail === undefined ? 0 : missing).fill("0"), ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ""));
}

/** "203.0.113.57" → "203.0.113.0/24"; "2001:db8:1234:5::1" → "2001:db8:1234::/48"; else null. */
export function ipPrefix(ip: string | null | undefined): string | null {
  if (!ip) return null;
  let address = ip.trim().replace(/^\[|\]$/g, "").split("%")[0];
  // An IPv4 client seen through an IPv6 socket.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1];
  if (isIPv4(address)) {
    const [a, b, c] = address.split(".");
    return `${a}.${b}.${c}.0/24`;
  }
  if (isIPv6(address) && !address.includes(".")) {
    const groups = expandIPv6(address);
    if (!groups) return null;
    return `${groups.slice(0, 3).join(":")}::/48`;
  }
  return null;
}
