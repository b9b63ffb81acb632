// What a call for ideas asks of the people who take part (decision 049), in words.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";

export interface CallRulesView {
  level: number;
  regionName: string | null;
  minAge: number | null;
  countsVerified: boolean;
}

/** The call's rules as a short list; nothing when it asks no more than a verified e-mail. */
export function CallRulesNote({ rules, signedIn }: { rules: CallRulesView; signedIn: boolean }) {
  const { t } = useTranslation();
  const lines = [
    rules.level >= 2 || rules.regionName || rules.minAge ? t(rules.level >= 3 ? "verification.eligibility.needsLevel3" : "verification.eligibility.needsLevel2") : null,
    rules.regionName ? t("verification.eligibility.needsRegion", { region: rules.regionName }) : null,
    rules.minAge ? t("verification.eligibility.needsAge", { age: rules.minAge }) : null,
    rules.countsVerified ? t("verification.eligibility.countsVerified") : null,
  ].filter((line): line is string => line !== null);
  if (lines.length === 0) return null;
  return (
    <div className="notice" role="note">
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {signedIn && (rules.level >= 2 || rules.regionName || rules.minAge) ? (
        <p>
          <Link to="/me/verify">{t("verification.title")}</Link>
        </p>
      ) : null}
    </div>
  );
}
