import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { confirmEmailChange } from "~/domain/accounts/email-change.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("trust.email.confirmTitle"), (t) => [{ name: "description", content: t("trust.email.confirmDescription") }]);

// The link mailed to the new address (decision 056): the token is the permission, as for
// verifying an address; it works in any browser, signed in or not.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const result = await confirmEmailChange({ db: context.services.primary, publicUrl: context.siteUrl }, token);
  if (!result.ok) return json({ changedTo: null }, { status: 400 });
  context.services.log.info({ event: "account.email_changed", userId: result.userId }, "e-mail address changed");
  return json({ changedTo: result.email });
}

export default function ConfirmEmail() {
  const { t } = useTranslation();
  const { changedTo } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t("trust.email.confirmTitle")}</h1>
      <div role="status">
        {changedTo ? <p className="notice success">{t("trust.email.changed", { email: changedTo })}</p> : <p className="notice error">{t("trust.email.linkFailed")}</p>}
      </div>
      <p>
        <Link to="/me/security">{t("privacy.security.title")}</Link>
      </p>
    </div>
  );
}
