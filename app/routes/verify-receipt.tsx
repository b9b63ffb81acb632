// Checking a support receipt (decision 051): paste the receipt (or, with JavaScript, choose its
// file), and the page says plainly whether it matches the root this site published for that
// day. A plain form POST, so it works without JavaScript. It stores nothing.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useMessagesAhead, useTranslation } from "~/ui/translation";
import { RECEIPT_MAX_CHARS } from "~/domain/receipts/limits";
import { verifyPastedReceipt, type Verdict } from "~/domain/receipts/verify.server";
import { ErrorSummary, TextAreaField, useFormBusy } from "~/ui/form";
import { pageTitle } from "~/utils/meta";
import type { FieldErrors } from "~/utils/result";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("receipts.title"), (t) => [{ name: "description", content: t("receipts.metaDescription") }]);

export function loader() {
  return json({});
}

type Reply = { errors?: FieldErrors; values?: { receipt: string }; verdict?: Verdict };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const value = form.get("receipt");
  const receipt = typeof value === "string" ? value : "";
  const result = await verifyPastedReceipt(context.services.db, receipt);
  if (!result.ok) return json<Reply>({ errors: result.errors, values: { receipt: receipt.slice(0, RECEIPT_MAX_CHARS * 2) } }, { status: result.status });
  return json<Reply>({ verdict: result.verdict, values: { receipt } });
}

function VerdictPanel({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const idea = verdict.title ? (
    <Link to={`/ideas/${verdict.ideaId}`}>{verdict.title}</Link>
  ) : (
    <>{t("receipts.ideaNumber", { id: verdict.ideaId })}</>
  );
  return (
    <section className={verdict.matches ? "notice success" : "notice error"} role="status" aria-labelledby="receipt-verdict" data-testid="receipt-verdict">
      <h2 id="receipt-verdict">{verdict.matches ? t("receipts.yes") : t("receipts.no")}</h2>
      <p>{verdict.matches ? t("receipts.matches", { day: verdict.day }) : t(`receipts.problem.${verdict.problem}`, { day: verdict.day })}</p>
      <p>
        {t("receipts.idea")}: {idea}
      </p>
      <p className="hint">
        {t("receipts.root")}: <code className="hash">{verdict.root}</code>
      </p>
    </section>
  );
}

const FILE_MESSAGES = ["receipts.file"] as const;

export default function VerifyReceipt() {
  const { t } = useTranslation();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  // Choosing a file needs JavaScript (the site takes only plain forms): offered once it runs.
  const [canRead, setCanRead] = useState(false);
  useEffect(() => setCanRead(true), []);
  // The page carries the file's label, which it shows only once it runs: were it to load it
  // then, the page would go blank meanwhile (useMessagesAhead).
  useMessagesAhead(FILE_MESSAGES);
  const readFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    const area = document.getElementById("field-receipt");
    if (file && area instanceof HTMLTextAreaElement) area.value = (await file.text()).slice(0, RECEIPT_MAX_CHARS + 1);
  };
  return (
    <div className="page narrow">
      <h1>{t("receipts.title")}</h1>
      <p className="lead">{t("receipts.intro")}</p>
      <p>{t("receipts.where")}</p>
      {reply?.verdict ? <VerdictPanel verdict={reply.verdict} /> : null}
      <Form method="post" className="stack">
        <ErrorSummary errors={reply?.errors} fieldLabels={{ receipt: t("receipts.receipt") }} />
        {canRead ? (
          <div className="field">
            <label htmlFor="receipt-file">{t("receipts.file")}</label>
            <input id="receipt-file" type="file" accept="application/json,.json" onChange={readFile} />
          </div>
        ) : null}
        <TextAreaField
          name="receipt"
          label={t("receipts.receipt")}
          hint={t("receipts.receiptHint")}
          rows={10}
          required
          spellCheck={false}
          className="receipt-text"
          errors={reply?.errors?.receipt}
          defaultValue={reply?.values?.receipt}
        />
        <button type="submit" disabled={busy}>
          {t("receipts.check")}
        </button>
      </Form>
      <h2>{t("receipts.privateTitle")}</h2>
      <p>{t("receipts.private")}</p>
      <pre className="code-block" tabIndex={0}>
        <code>npm run verify-receipt -- madang-receipt.json</code>
      </pre>
      <p>
        <Link to="/open-data#support-roots">{t("receipts.openData")}</Link>
      </p>
    </div>
  );
}
