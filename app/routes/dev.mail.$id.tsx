import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/ui/translation";
import { emailById } from "~/domain/notifications/outbox.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { idParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => [args.data?.email.subject, t("devMail.title")]);

export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!context.services.config.devMail) throw new Response("Not found", { status: 404 });
  const id = idParam(params);
  const email = await emailById(context.services.db, id);
  if (!email) throw new Response("Not found", { status: 404 });
  return json({ email, locale: context.locale });
}

// The text part is shown as text, with its links made clickable (the HTML part is not rendered).
function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(/(https?:\/\/\S+)/g).map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default function DevMailMessage() {
  const { t } = useTranslation();
  const { email, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <p>
        <Link to="/dev/mail">{t("devMail.title")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="meta-list">
        <dt>{t("devMail.to")}</dt>
        <dd>{email.to_address}</dd>
        <dt>{t("devMail.sentAt")}</dt>
        <dd>{formatDate(email.created_at, locale, true)}</dd>
      </dl>
      <pre className="mail-body">
        <Linkified text={email.text_body} />
      </pre>
    </div>
  );
}
