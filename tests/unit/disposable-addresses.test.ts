// Throwaway e-mail domains (decision 048): the maintained list decides, a subdomain of a listed
// domain counts as listed, and an ordinary address that merely contains a listed name does not.
import { describe, expect, it } from "vitest";
import { isDisposableAddress } from "../../app/domain/accounts/disposable.server";

describe("throwaway e-mail domains", () => {
  it("refuses the well-known services and their subdomains", () => {
    for (const email of ["a@mailinator.com", "a@yopmail.com", "a@10minutemail.com", "a@inbox.guerrillamail.com", "a@X.Mailinator.COM"]) {
      expect(isDisposableAddress(email), email).toBe(true);
    }
  });

  it("takes ordinary providers, Korean ones and public bodies included, and lookalikes of listed names", () => {
    for (const email of ["a@naver.com", "a@daum.net", "a@hanmail.net", "a@kakao.com", "a@gmail.com", "a@korea.kr", "a@example.org", "a@mailinator.com.example.org", "mailinator.com@example.org"]) {
      expect(isDisposableAddress(email), email).toBe(false);
    }
  });
});
