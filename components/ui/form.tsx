/** Small form primitives shared by every form of the app (labels, inputs, messages). */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cx } from "./class-names";

/** Seen, not read out: the field itself says aria-required, so its accessible name stays the label. */
export function RequiredMark() {
  return (
    <span aria-hidden="true" className="ml-0.5 text-red-600">
      *
    </span>
  );
}

/**
 * A labelled field: the label names the input exactly; hint and error describe it (aria-describedby).
 * A required field shows a red mark beside the label, not in it.
 */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const labelElement = (
    <label htmlFor={id} className="block text-sm font-medium text-slate-700">
      {label}
    </label>
  );
  return (
    <div className="space-y-1">
      {required ? (
        <div className="flex items-baseline">
          {labelElement}
          <RequiredMark />
        </div>
      ) : (
        labelElement
      )}
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** aria-describedby for an input inside a Field. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      {...props}
      className={`w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100 ${props.className ?? ""}`}
    />
  );
}

/**
 * A Field holding a TextInput: the input is described by the hint or the error, marked invalid when
 * there is an error and aria-required when required. Other attributes go to the input.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  required,
  ...input
}: { id: string; label: string; hint?: string; error?: string; required?: boolean } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "required"
>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <TextInput
        id={id}
        aria-required={required ? "true" : undefined}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </Field>
  );
}

const boxCls = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

/** A full-width select of the applicant and teacher forms. */
export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={cx(boxCls, className)} />;
}

/** A full-width text area of the applicant and teacher forms. */
export function TextArea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...props} className={cx(boxCls, className)} />;
}

export function SubmitButton({
  children,
  pending,
  disabled,
  pendingLabel = "请稍候…",
}: {
  children: ReactNode;
  pending?: boolean;
  disabled?: boolean;
  /** What the button says while the form is being sent. */
  pendingLabel?: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      className="w-full rounded-md bg-brand-600 px-4 py-2.5 text-base font-medium text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}

export function FormMessage({ kind, children }: { kind: "error" | "success"; children: ReactNode }) {
  const cls =
    kind === "error"
      ? "border-red-200 bg-red-50 text-red-700"
      : "border-green-200 bg-green-50 text-green-700";
  return (
    <div
      role={kind === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm ${cls}`}
    >
      {children}
    </div>
  );
}

/** A form's outcome after submit: its message and, below it, the list of what to fix. */
export function FormOutcome({ ok, message, errors }: { ok?: boolean; message: ReactNode; errors: string[] }) {
  return (
    <FormMessage kind={ok ? "success" : "error"}>
      {message}
      {errors.length ? (
        <ul className="mt-1 list-disc pl-5">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </FormMessage>
  );
}
