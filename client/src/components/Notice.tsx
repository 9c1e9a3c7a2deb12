import type { ReactNode } from 'react';

/** A message box; `alert` for problems (read out at once), `status` for confirmations. */
export function Notice(props: {
  kind: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children: ReactNode;
}) {
  const urgent = props.kind === 'error' || props.kind === 'warning';
  return (
    <div className={`notice notice--${props.kind}`} role={urgent ? 'alert' : 'status'}>
      {props.title && <p className="notice__title">{props.title}</p>}
      {props.children}
    </div>
  );
}
