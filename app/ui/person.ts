// How a person's name is shown: as stored, except an account whose person left Madang, which
// reads "a former member" in the reader's language (decision 036).
import type { TFunction } from "i18next";
import { FORMER_MEMBER_NAME } from "~/domain/privacy/permissions";

export function shownName(name: string, t: TFunction): string {
  return name === FORMER_MEMBER_NAME ? t("privacy.formerMember") : name;
}
