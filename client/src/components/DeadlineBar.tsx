import { daysBetween, deadlineFacts, formatDate, formatLocalDate } from '../lib/dates';
import { nl } from '../i18n/nl';

export interface DeadlineBarProps {
  stepStartedAt: string | null;
  deadlineAt: string | null;
  now: Date;
  suspendedDays: number;
  /** Months added by extensions in this step. */
  extensionMonths: number;
  /** The clock is stopped (suspended): no deadline to count down to. */
  suspended: boolean;
}

/**
 * How far the step has run towards its deadline (step start, elapsed, suspended days, extension,
 * deadline, days left). The bar is decoration; every figure is also written out.
 */
export function DeadlineBar(props: DeadlineBarProps) {
  const t = nl.deadline;
  if (props.suspended) return <p className="deadline deadline--stopped">{t.clockStopped}</p>;
  if (!props.deadlineAt || !props.stepStartedAt) return <p className="deadline">{t.none}</p>;
  const { lastDay, daysLeft: left } = deadlineFacts(props.deadlineAt, props.now);
  const total = Math.max(1, daysBetween(props.stepStartedAt, props.deadlineAt));
  const elapsed = Math.max(0, daysBetween(props.stepStartedAt, props.now));
  const overdue = left < 0;
  const share = Math.min(100, Math.round((elapsed / total) * 100));
  return (
    <section className={overdue ? 'deadline deadline--overdue' : 'deadline'} aria-label={t.title}>
      <div className="deadline__bar" aria-hidden="true">
        <div className="deadline__fill" style={{ width: `${share}%` }} />
      </div>
      <p className="deadline__headline">
        {overdue ? (
          <strong>
            <span aria-hidden="true">⚠ </span>
            {t.overdue(-left)}
          </strong>
        ) : (
          <strong>{t.daysLeft(left)}</strong>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>{t.stepStart}</dt>
          <dd>{formatDate(props.stepStartedAt)}</dd>
        </div>
        <div>
          <dt>{t.elapsed}</dt>
          <dd>
            {t.days(elapsed)} ({share}%)
          </dd>
        </div>
        <div>
          <dt>{t.suspended}</dt>
          <dd>{t.days(props.suspendedDays)}</dd>
        </div>
        <div>
          <dt>{t.extension}</dt>
          <dd>
            {props.extensionMonths > 0 ? t.extensionMonths(props.extensionMonths) : t.extensionNone}
          </dd>
        </div>
        <div>
          <dt>{t.deadline}</dt>
          <dd>{formatLocalDate(lastDay)}</dd>
        </div>
        <div>
          <dt>{t.left}</dt>
          <dd>{overdue ? t.overdue(-left) : t.days(left)}</dd>
        </div>
      </dl>
    </section>
  );
}
