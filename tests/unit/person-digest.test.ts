// The digest that stands for a person supporting in person (decision 063): the same for one person
// however staff type them, another for another person, and keyed by the server's key.
import { afterEach, describe, expect, it } from "vitest";
import { personDigest } from "../../app/domain/assisted/person.server";

const kim = { name: "Kim Okja", birthDate: "1941-05-06", phone: "010-1234-5678" };
const saved = process.env.MADANG_SECRET_KEY;
afterEach(() => {
  if (saved === undefined) delete process.env.MADANG_SECRET_KEY;
  else process.env.MADANG_SECRET_KEY = saved;
});

describe("personDigest", () => {
  it("is one person's however the name's spacing and case or the phone's dashes are typed", () => {
    expect(personDigest({ name: "  KIM   okja ", birthDate: kim.birthDate, phone: "010 1234 5678" })).toBe(personDigest(kim));
    // Korean names: composed and decomposed Hangul are one name.
    expect(personDigest({ ...kim, name: "김옥자".normalize("NFD") })).toBe(personDigest({ ...kim, name: "김옥자" }));
  });

  it("differs for another birth date, phone or name", () => {
    const one = personDigest(kim);
    expect(new Set([one, personDigest({ ...kim, birthDate: "1941-05-07" }), personDigest({ ...kim, phone: "010-1234-5679" }), personDigest({ ...kim, name: "Kim Okjo" })]).size).toBe(4);
  });

  it("depends on the server's key: another MADANG_SECRET_KEY gives another digest, so a database copied without the key cannot test guesses", () => {
    process.env.MADANG_SECRET_KEY = "a".repeat(40);
    const first = personDigest(kim);
    process.env.MADANG_SECRET_KEY = "b".repeat(40);
    expect(personDigest(kim)).not.toBe(first);
    process.env.MADANG_SECRET_KEY = "a".repeat(40);
    expect(personDigest(kim)).toBe(first);
    // A key too short is refused rather than used.
    process.env.MADANG_SECRET_KEY = "short";
    expect(() => personDigest(kim)).toThrow(/MADANG_SECRET_KEY/);
  });
});
