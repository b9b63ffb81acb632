// Changing MADANG_SECRET_KEY (decision 056): with the old key as MADANG_SECRET_KEY_PREVIOUS, the
// reseal command seals every two-factor secret again with the new key, leaves the ones already
// under it, and leaves alone what opens with neither; after it the old key is not needed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/factories";
import { resealSecrets } from "../../db/reseal";
import { open, seal, sealingKey, TOTP_PURPOSE, totpOwner } from "../../db/secret-box";
import { openTestDatabase, type TestDatabase } from "./db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const OLD = { MADANG_SECRET_KEY: "an old server key that is at least 32 characters" };
const NEW = { MADANG_SECRET_KEY: "the new server key that is at least 32 characters" };
const STRANGER = { MADANG_SECRET_KEY: "some other server's key, at least 32 characters" };
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

async function enrolledUnder(env: Record<string, string>) {
  const { id } = await createUser(t.db);
  const secret = seal(sealingKey(TOTP_PURPOSE, env), totpOwner(id), SECRET);
  await t.db.insertInto("two_factor").values({ user_id: id, secret, last_step: null }).execute();
  return { id, secret };
}

const stored = async (id: number) => (await t.db.selectFrom("two_factor").select("secret").where("user_id", "=", id).executeTakeFirstOrThrow()).secret;

describe("secrets:reseal", () => {
  it("moves the secrets sealed with the previous key to the current one, and only those", async () => {
    const before = await enrolledUnder(OLD);
    const already = await enrolledUnder(NEW);
    const lost = await enrolledUnder(STRANGER);
    const rotating = { ...NEW, MADANG_SECRET_KEY_PREVIOUS: OLD.MADANG_SECRET_KEY };

    expect(await resealSecrets(t.db, rotating)).toEqual({ resealed: 1, current: 1, unopenable: 1 });
    // The moved one opens with the new key alone, to the same secret; the others are untouched.
    expect(await stored(before.id)).not.toBe(before.secret);
    expect(open(sealingKey(TOTP_PURPOSE, NEW), totpOwner(before.id), await stored(before.id))).toBe(SECRET);
    expect(open(sealingKey(TOTP_PURPOSE, OLD), totpOwner(before.id), await stored(before.id))).toBeNull();
    expect(await stored(already.id)).toBe(already.secret);
    expect(await stored(lost.id)).toBe(lost.secret);
    // Run again: nothing left to move; the previous key can go.
    expect(await resealSecrets(t.db, rotating)).toEqual({ resealed: 0, current: 2, unopenable: 1 });
    expect(await resealSecrets(t.db, NEW)).toEqual({ resealed: 0, current: 2, unopenable: 1 });
  });
});
