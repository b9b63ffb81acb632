import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { secureAccount, secureLinkIsLive } from "~/domain/accounts/email-change.server";
import { ErrorSummary } from "~/ui/form";
import { formFailure } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("trust.secure.title"), (t) => [{ name: "description", content: t("trust.secure.description") }]);

// The link mailed to the old address after an address change (decision 056). Opening it takes
// nothing back (mail scanners follow links); the button does.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const live = await secureLinkIsLive(context.services.primary, token);
  return json({ token: live ? token : null }, { status: live ? 200 : 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const form = await request.formData();
  const result = await secureAccount({ db: services.db, publicUrl: context.siteUrl }, String(form.get("token") ?? ""));
  if (!result.ok) return formFailure(result);
  services.log.warn({ event: "account.email_taken_back", userId: result.userId }, "an address change was taken back from the old address");
  // Signed out everywhere; the next step is a new password, on the reset page, at once.
  return redirect(`/reset-password?token=${encodeURIComponent(result.resetToken)}`, {
    headers: { "Set-Cookie": services.auth.createBlankSessionCookie().serialize() },
  });
}

export default function SecureAccount() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <h1>{t("trust.secure.title")}</h1>
      <ErrorSummary errors={reply?.errors} />
      {token ? (
        <>
          <p>{t("trust.secure.intro")}</p>
          <ul>
            <li>{t("trust.secure.addressBack")}</li>
            <li>{t("trust.secure.signedOut")}</li>
            <li>{t("trust.secure.twoFactor")}</li>
            <li>{t("trust.secure.newPassword")}</li>
          </ul>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <button type="submit">{t("trust.secure.submit")}</button>
          </Form>
        </>
      ) : (
        <p className="notice error" role="status">
          {t("trust.secure.linkFailed")}
        </p>
      )}
    </div>
  );
}
