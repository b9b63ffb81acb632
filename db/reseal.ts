// Changing MADANG_SECRET_KEY without locking staff out (decision 056): start the app with the new
// key in MADANG_SECRET_KEY and the old one in MADANG_SECRET_KEY_PREVIOUS (secrets open with
// either), run `npm run secrets:reseal` once, then drop MADANG_SECRET_KEY_PREVIOUS. Each sealed
// two-factor secret that opens only with the previous key is sealed again with the current one;
// a row is only replaced if it still holds what was read (an enrolment meanwhile wins).
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { openingKeys, openWithAny, seal, TOTP_PURPOSE, totpOwner } from "./secret-box";

export interface Resealed {
  /** Sealed again with the current key. */
  resealed: number;
  /** Already sealed with the current key. */
  current: number;
  /** Opening with neither key: left as they are (the person signs in with a recovery code, or an admin resets it). */
  unopenable: number;
}

export async function resealSecrets(db: Kysely<Database>, env: Record<string, string | undefined> = process.env): Promise<Resealed> {
  const keys = openingKeys(TOTP_PURPOSE, env);
  const counts: Resealed = { resealed: 0, current: 0, unopenable: 0 };
  const rows = await db.selectFrom("two_factor").select(["user_id", "secret"]).orderBy("user_id").execute();
  for (const row of rows) {
    const opened = openWithAny(keys, totpOwner(row.user_id), row.secret);
    if (!opened) counts.unopenable++;
    else if (opened.keyIndex === 0) counts.current++;
    else {
      const done = await db
        .updateTable("two_factor")
        .set({ secret: seal(keys[0]!, totpOwner(row.user_id), opened.plain) })
        .where("user_id", "=", row.user_id)
        .where("secret", "=", row.secret)
        .executeTakeFirst();
      counts[Number(done.numUpdatedRows) === 1 ? "resealed" : "current"]++;
    }
  }
  return counts;
}
