import type { SignalCode } from '../../../machines';
import { nl } from '../i18n/nl';

const URGENT: ReadonlySet<string> = new Set(['DEADLINE_PASSED', 'REVIEW_OVERDUE', 'RELAPSE']);

/** Signal codes as Dutch badges; urgency shown with an icon and text, not by colour alone. */
export function SignalBadges(props: { signals: readonly string[]; emptyText?: string }) {
  if (props.signals.length === 0)
    return props.emptyText ? <span className="muted">{props.emptyText}</span> : null;
  return (
    <ul className="badges">
      {props.signals.map((code) => (
        <li key={code} className={URGENT.has(code) ? 'badge badge--urgent' : 'badge'}>
          {URGENT.has(code) && <span aria-hidden="true">⚠ </span>}
          {nl.signals[code as SignalCode] ?? code}
        </li>
      ))}
    </ul>
  );
}
