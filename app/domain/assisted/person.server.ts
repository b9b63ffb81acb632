// Who a person supporting in person is, without keeping who they are (decisions 039, 058, 063):
// the name, birth date and phone staff type are normalised and only a keyed digest is stored.
import { createHmac, scrypt } from "node:crypto";
import { promisify } from "node:util";
import { sealingKey } from "../../../db/secret-box";

export type Person = { name: string; birthDate: string; phone: string };

/** The details as one text: the name without spaces in lower case (NFC), the birth date, the phone's digits. */
function normalised(person: Person): string {
  const name = person.name.normalize("NFC").toLowerCase().replace(/\s+/g, "");
  return `${name}|${person.birthDate}|${person.phone.replace(/\D/g, "")}`;
}

/**
 * The person's digest, the same on every idea (decision 063): HMAC-SHA-256 with a key derived
 * from the server's MADANG_SECRET_KEY for this purpose alone, so a copy of the database without
 * the key gives nothing to test guesses against. Production refuses to start without the setting;
 * elsewhere the published development key is used (db/secret-box.ts).
 */
export function personDigest(person: Person): string {
  return createHmac("sha256", sealingKey("in-person-digest")).update(`madang/in-person/v1\n${normalised(person)}`).digest("hex");
}

/**
 * The per-idea hash of rows recorded before decision 063: scrypt salted with the idea, slow on
 * purpose (0.1–0.3 s, on libuv's thread pool). Only looked for, never written any more.
 */
export async function legacyIdentityHash(ideaId: number, person: Person): Promise<string> {
  const key = (await promisify(scrypt)(normalised(person), `madang-in-person:${ideaId}`, 32)) as Buffer;
  return key.toString("hex");
}
