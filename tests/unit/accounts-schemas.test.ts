import { describe, expect, it } from "vitest";
import { isCommonPassword } from "../../app/domain/accounts/passwords.server";
import { JoinSchema, LoginSchema } from "../../app/domain/accounts/schemas";
import { zodErrors } from "../../app/utils/result";

function errorsOf(input: Record<string, unknown>) {
  const parsed = JoinSchema.safeParse(input);
  return parsed.success ? {} : zodErrors(parsed.error);
}

describe("the join form", () => {
  const valid = { email: "Person@Example.ORG ", displayName: "  홍길동  ", password: "twelve chars" };

  it("normalises the e-mail (trim, lower case) and the display name (trim, single spaces)", () => {
    const parsed = JoinSchema.parse({ ...valid, displayName: " Hong \t  Gil-dong " });
    expect(parsed.email).toBe("person@example.org");
    expect(parsed.displayName).toBe("Hong Gil-dong");
  });

  it.each([
    ["email", "", "errors.required"],
    ["email", "no-at-sign", "errors.email"],
    ["email", `${"a".repeat(250)}@example.org`, "errors.tooLong"],
    ["displayName", "", "errors.required"],
    ["displayName", "x", "errors.displayNameLength"],
    ["displayName", "y".repeat(41), "errors.displayNameLength"],
    ["displayName", "bad\u0000name", "errors.displayNameChars"],
    ["displayName", "rtl\u202Etrick", "errors.displayNameChars"],
    ["password", "", "errors.required"],
    ["password", "123456789", "errors.passwordTooShort"],
    ["password", "eleven char", "errors.passwordTooShort"],
    ["password", "p".repeat(201), "errors.passwordTooLong"],
  ])("%s = %j is refused with %s", (field, value, key) => {
    expect(errorsOf({ ...valid, [field]: value })[field]?.[0].key).toBe(key);
  });

  it("accepts Korean and English names of 2 to 40 characters", () => {
    expect(errorsOf({ ...valid, displayName: "김민" })).toEqual({});
    expect(errorsOf({ ...valid, displayName: "A".repeat(40) })).toEqual({});
  });

  it("refuses wrong types without throwing", () => {
    expect(Object.keys(errorsOf({ email: 5, displayName: ["a"], password: null }))).toEqual(
      expect.arrayContaining(["email", "displayName", "password"]),
    );
  });

  it("the login form needs both fields", () => {
    expect(LoginSchema.safeParse({ email: "a@example.org", password: "" }).success).toBe(false);
  });
});

describe("common passwords", () => {
  it.each(["password123", "qwertyuiop", "1234567890", "Password123", "aaaaaaaaaaaa"])("%s is refused", (p) => {
    expect(isCommonPassword(p)).toBe(true);
  });
  it.each(["a long and unusual passphrase", "마당에서 만나요 2026!"])("%s is accepted", (p) => {
    expect(isCommonPassword(p)).toBe(false);
  });
});
