// Claiming an idea staff filed for you (issue 18, decision 039): the one-time code given on
// paper links the idea to the signed-in account, as its author. Guesses are rate-limited per
// account and per address (app/auth/rate-limit.server.ts); codes are single-use and expire.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { consumeTogether } from "~/auth/rate-limit.server";
import { participationRefusal } from "~/domain/accounts/permissions";
import { claimIdea } from "~/domain/assisted/assisted.server";
import { ErrorSummary, Field, useFormBusy } from "~/ui/form";
import { pageTitle } from "~/utils/meta";
import { fail, FORM, formValues, msg, type FieldErrors } from "~/utils/result";
import { CLAIM_CODE_MAX } from "~/domain/assisted/limits";
import { maxLengthFor } from "~/utils/text";

export const meta: MetaFunction = (args) =>
  pageTitle(args, (t) => t("assisted.claimTitle"), (t) => [{ name: "description", content: t("assisted.claimDescription") }]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return json({ refusal: participationRefusal(actor) });
}

type Reply = { errors?: FieldErrors; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const values = formValues(await request.formData(), ["code"]);
  const { db, limiters } = context.services;
  const wait = await consumeTogether([
    [limiters.claimAccount, String(actor.id)],
    [limiters.claimIp, context.clientIp],
  ]);
  if (wait !== null) {
    const limited = fail(FORM, msg("assisted.errors.claimLimit", { count: wait }), 429);
    return json<Reply>({ errors: limited.errors, values }, { status: 429 });
  }
  const result = await claimIdea(db, actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values }, { status: result.status });
  return redirect(`/ideas/${result.ideaId}?claimed=1`);
}

export default function Claim() {
  const { t } = useTranslation();
  const { refusal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  return (
    <div className="page narrow">
      <h1>{t("assisted.claimTitle")}</h1>
      <p className="lead">{t("assisted.claimIntro")}</p>
      {refusal ? (
        <p className="notice error" role="alert">
          {refusal === "suspended" ? t("errors.suspended") : t("ideas.verifyToSupport")}
        </p>
      ) : null}
      <ErrorSummary errors={reply?.errors} fieldLabels={{ code: t("assisted.claimCodeField") }} />
      <Form method="post" noValidate>
        <Field
          name="code"
          label={t("assisted.claimCodeField")}
          hint={t("assisted.claimCodeHint")}
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={maxLengthFor(CLAIM_CODE_MAX)}
          defaultValue={reply?.values?.code}
          errors={reply?.errors?.code}
        />
        <button type="submit" disabled={busy}>
          {t("assisted.claim")}
        </button>
      </Form>
    </div>
  );
}
