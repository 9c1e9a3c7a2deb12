import { useId, type ReactNode } from 'react';

/**
 * A labelled form control with its hint and error wired for screen readers
 * (aria-describedby, aria-invalid). `children` receives the ids to put on the control.
 */
export function Field(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (control: {
    id: string;
    'aria-describedby': string | undefined;
    'aria-invalid': boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {props.error}
        </p>
      )}
      {props.children({
        id,
        'aria-describedby': describedBy,
        'aria-invalid': Boolean(props.error),
      })}
    </div>
  );
}
