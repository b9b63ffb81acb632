// Throwaway e-mail services, from mailchecker's maintained list (decision 048): an address at
// one of them, or at any subdomain of one, is refused when joining.
import MailChecker from "mailchecker";

const DISPOSABLE = MailChecker.blacklist();

export function isDisposableAddress(email: string): boolean {
  const labels = email.slice(email.lastIndexOf("@") + 1).toLowerCase().split(".");
  return labels.some((_, i) => DISPOSABLE.has(labels.slice(i).join(".")));
}
