import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { startTransition, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/ui/translation";
import { requireActor } from "~/auth/actor.server";
import { participationRefusal } from "~/domain/accounts/permissions";
import { submitIdea } from "~/domain/ideas/ideas.server";
import { formChoices, similarIdeas } from "~/domain/ideas/queries.server";
import { BODY_MAX, IDEA_FIELDS } from "~/domain/ideas/limits";
import { ErrorSummary, useFormBusy } from "~/ui/form";
import { IdeaFields, ideaFieldLabels } from "~/ui/idea-form";
import { StatusBadge } from "~/ui/ideas";
import { renderMarkdown } from "~/utils/markdown.server";
import { formValues, type FieldErrors } from "~/utils/result";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("ideas.newTitle"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const choices = await formChoices(context.services.db);
  const campaign = new URL(request.url).searchParams.get("campaign") ?? "";
  return json({ ...choices, campaign, refusal: participationRefusal(actor), locale: context.locale });
}

type Similar = Awaited<ReturnType<typeof similarIdeas>>;
type Reply = { errors?: FieldErrors; values: Record<string, string>; preview?: string; similar: Similar };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form, IDEA_FIELDS);
  const { db } = context.services;
  const similar = await similarIdeas(db, values.title);
  if (form.get("intent") === "preview") {
    return json<Reply>({ values, preview: renderMarkdown(values.body.slice(0, BODY_MAX)), similar });
  }
  const result = await submitIdea(db, context.actor, values);
  if (!result.ok) return json<Reply>({ errors: result.errors, values, similar }, { status: result.status });
  // A held idea is not published yet: its page says why it waits (moderation screening).
  return redirect(result.held ? `/ideas/${result.ideaId}` : `/ideas/${result.ideaId}?created=1`);
}

/**
 * Suggests existing ideas while the title is typed (with JavaScript; without, after preview).
 * A plain fetch of the resource route, not a fetcher: with lazy route discovery a fetcher's load
 * of a route the browser has not discovered yet, cut short by a submit (Preview), is revalidated
 * with no route to match and puts the whole page in "Page not found".
 */
function useSimilarAsYouType(initial: Similar | undefined) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const request = useRef<AbortController>();
  const [typed, setTyped] = useState<Similar | null>(null);
  const onTitleInput = (title: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (title.trim().length < 2) return;
      request.current?.abort();
      const controller = (request.current = new AbortController());
      fetch(`/ideas/similar?text=${encodeURIComponent(title)}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ ideas: Similar }>) : null))
        // In a transition: the list's messages may not be in the browser yet (the page came with
        // those it used, docs/decisions/052); the form stays as it is until they arrive.
        .then((data) => data && !controller.signal.aborted && startTransition(() => setTyped(data.ideas)))
        // Suggestions are a help, not a step: a failed one leaves the list as it was.
        .catch(() => {});
    }, 350);
  };
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );
  // A preview or a refused submit answers its own list; typing replaces it.
  useEffect(() => setTyped(null), [initial]);
  return { similar: typed ?? initial ?? [], onTitleInput };
}

export default function NewIdea() {
  const { t } = useTranslation();
  const { categories, regions, campaigns, campaign, refusal, locale } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useFormBusy();
  const { similar, onTitleInput } = useSimilarAsYouType(reply?.similar);
  const values = reply?.values;
  const errors = reply?.errors;
  const labels = ideaFieldLabels(t);
  return (
    <div className="page narrow-wide">
      <h1>{t("ideas.newTitle")}</h1>
      <p>{t("ideas.newIntro")}</p>
      {refusal ? (
        <p className="notice error" role="alert">
          {refusal === "suspended" ? t("errors.suspended") : t("ideas.verifyToSupport")}
        </p>
      ) : null}
      <ErrorSummary errors={errors} fieldLabels={labels} />
      <div aria-live="polite">
        {similar.length > 0 ? (
          <section className="similar" aria-labelledby="similar-heading">
            <h2 id="similar-heading">{t("ideas.similarTitle")}</h2>
            <p>{t("ideas.similarIntro")}</p>
            <ul>
              {similar.map((idea) => (
                <li key={idea.id}>
                  <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> <StatusBadge status={idea.status} />{" "}
                  {t("ideas.supports", { count: idea.support_count })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      {reply?.preview ? (
        <section className="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("ideas.previewTitle")}</h2>
          <h3>{values?.title}</h3>
          {/* Sanitized by renderMarkdown on the server. */}
          <div className="idea-body" dangerouslySetInnerHTML={{ __html: reply.preview }} />
        </section>
      ) : null}
      <Form method="post" noValidate>
        <IdeaFields choices={{ categories, regions, campaigns }} locale={locale} values={values} errors={errors} defaultCampaign={campaign} onTitleInput={onTitleInput} />
        <div className="actions">
          <button type="submit" name="intent" value="preview" className="secondary" disabled={busy}>
            {t("ideas.preview")}
          </button>
          <button type="submit" name="intent" value="submit" disabled={busy}>
            {t("ideas.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
