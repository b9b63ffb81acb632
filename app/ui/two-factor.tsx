// The field for a code from an authenticator app or a recovery code: the sign-in page's second
// step and the forms of /me/security (decision 047).
import { useTranslation } from "~/ui/translation";
import type { Message } from "~/utils/result";
import { Field } from "./form";

export function CodeField({ name, errors, autoFocus = false }: { name: string; errors: Message[] | undefined; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Field
      name={name}
      // A new element after each refused code, so that the wrong one does not stay.
      key={JSON.stringify(errors ?? null)}
      label={t("twoFactor.code")}
      hint={t("twoFactor.codeHint")}
      autoComplete="one-time-code"
      autoCapitalize="none"
      spellCheck={false}
      required
      autoFocus={autoFocus}
      errors={errors}
    />
  );
}
