// Form fields that carry their label, hint and errors, linked for screen readers
// (aria-describedby, aria-invalid), and an error summary that links to each field.
import { Form, useLocation, useNavigation, type FormProps } from "@remix-run/react";
import { forwardRef } from "react";
import { useTranslation } from "~/ui/translation";
import type { FieldErrors, Message } from "~/utils/result";

export function useMessage() {
  const { t } = useTranslation();
  return (m: Message) => t(m.key, m.values ?? {}) as string;
}

interface ShellProps {
  name: string;
  label: string;
  hint?: string;
  errors?: Message[];
  id?: string;
}

/** Label, hint and errors around one control; hands the control its accessibility attributes. */
function FieldShell({
  name,
  label,
  hint,
  errors,
  id,
  children,
}: ShellProps & { children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode }) {
  const render = useMessage();
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = errors?.length ? `${fieldId}-error` : undefined;
  return (
    <div className={errors?.length ? "field has-error" : "field"}>
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <ul id={errorId} className="field-errors">
          {errors.map((e) => (
            <li key={e.key}>{render(e)}</li>
          ))}
        </ul>
      ) : null}
      {children({
        id: fieldId,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
    </div>
  );
}

type InputProps = ShellProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

export function Field({ name, label, hint, errors, id, ...input }: InputProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} errors={errors} id={id}>
      {(control) => <input name={name} {...control} {...input} />}
    </FieldShell>
  );
}

type TextAreaProps = ShellProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">;

export function TextAreaField({ name, label, hint, errors, id, ...textarea }: TextAreaProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} errors={errors} id={id}>
      {(control) => <textarea name={name} {...control} {...textarea} />}
    </FieldShell>
  );
}

type SelectProps = ShellProps &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> & { options: { value: string; label: string }[] };

export function SelectField({ name, label, hint, errors, id, options, ...select }: SelectProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} errors={errors} id={id}>
      {(control) => (
        <select name={name} {...control} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** Shown at the top of a refused form: what went wrong, with links to the fields. */
/** A form's own errors (not tied to one field), announced when they appear. */
export function FormErrors({ messages }: { messages: Message[] }) {
  const render = useMessage();
  if (messages.length === 0) return null;
  return (
    <ul className="field-errors" role="alert">
      {messages.map((m) => (
        <li key={m.key}>{render(m)}</li>
      ))}
    </ul>
  );
}

export function ErrorSummary({ errors, fieldLabels }: { errors?: FieldErrors; fieldLabels?: Record<string, string> }) {
  const { t } = useTranslation();
  const render = useMessage();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("errors.formTitle")}</h2>
      <ul>
        {Object.entries(errors).flatMap(([field, messages]) =>
          messages.map((m) => (
            <li key={field + m.key}>
              {field === "_form" || !fieldLabels?.[field] ? (
                render(m)
              ) : (
                <a href={`#field-${field}`}>
                  {fieldLabels[field]}: {render(m)}
                </a>
              )}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

/**
 * The address a form posts to when it posts to the page it is on, without the "?index" Remix
 * adds for an index route (/ideas/3?index): the page's own path and query. An index route
 * without a parent layout (ideas.$id._index, moderation._index…) has a path of its own, so a POST
 * to it needs no "?index", and the address bar stays /ideas/3 after a refused form.
 */
export function useSelfAction(): string {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("index");
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

/**
 * Whether a form the page sent is on its way, for disabling its button: sent and not answered
 * yet, or answered with another page that is loading. Not once the answer shows on this page (a
 * refusal next to a field, a "saved" note) while the page's data reloads behind it: the person may
 * correct a field and send again at once, and Enter in a field does nothing while its form's
 * button is disabled (the router shows an action's answer before that reload ends; decision 091).
 */
export function useFormBusy(): boolean {
  const navigation = useNavigation();
  const { pathname } = useLocation();
  if (navigation.state === "submitting") return true;
  return navigation.state === "loading" && navigation.formMethod !== undefined && navigation.location.pathname !== pathname;
}

/** A POST form to the page it is on (see useSelfAction). */
export const PageForm = forwardRef<HTMLFormElement, Omit<FormProps, "method" | "action">>(function PageForm(props, ref) {
  return <Form ref={ref} method="post" action={useSelfAction()} {...props} />;
});
