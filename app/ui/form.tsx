// Form fields that carry their label, hint and errors, linked for screen readers
// (aria-describedby, aria-invalid), and an error summary that links to each field.
import { useTranslation } from "react-i18next";
import type { FieldErrors, Message } from "~/utils/result";

export function useMessage() {
  const { t } = useTranslation();
  return (m: Message) => t(m.key, m.values ?? {}) as string;
}

interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: string;
  hint?: string;
  errors?: Message[];
}

export function Field({ name, label, hint, errors, id, ...input }: FieldProps) {
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
      <input
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
    </div>
  );
}

interface SelectProps extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name"> {
  name: string;
  label: string;
  hint?: string;
  errors?: Message[];
  options: { value: string; label: string }[];
}

export function SelectField({ name, label, hint, errors, options, id, ...select }: SelectProps) {
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
      <select
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Shown at the top of a refused form: what went wrong, with links to the fields. */
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
