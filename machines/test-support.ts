/**
 * Helpers for the machines' own tests (not exported from index.ts): a small driver that feeds
 * events to the engine the way the server does and keeps what the server would store.
 */
import { applyEvent, createTrajectory, sweepDeadline } from './engine';
import { DEFAULT_SETTINGS } from './products';
import type { TrajectoryContext } from './trajectory-context';
import type {
  Actor,
  EngineOutcome,
  EngineResult,
  HistoryEntry,
  OrganisationSettings,
  PersistedTrajectory,
  CatalogueCode,
  TrajectoryEvent,
  TrajectorySummary,
  TredeTransitionDraft,
  Trede,
} from './types';

export const begeleider: Actor = { userId: 'begeleider-1', role: 'begeleider' };
export const teamleider: Actor = { userId: 'teamleider-1', role: 'teamleider' };

/** Far enough ahead that every backdated test event is in the past. */
export const LATER = '2040-01-01T00:00:00.000Z';

export function expectOk(result: EngineResult | null): EngineOutcome {
  if (result === null) throw new Error('expected an outcome, got null');
  if (!result.ok) throw new Error(`expected an outcome, got ${result.code}: ${result.message}`);
  return result;
}

export function contextOf(persisted: PersistedTrajectory): TrajectoryContext {
  return (persisted.snapshot as { context: TrajectoryContext }).context;
}

export class TrajectoryDriver {
  persisted: PersistedTrajectory;
  summary: TrajectorySummary;
  history: HistoryEntry[];
  transitions: TredeTransitionDraft[] = [];
  last: EngineOutcome;

  constructor(
    created: EngineOutcome,
    readonly settings: OrganisationSettings = DEFAULT_SETTINGS,
  ) {
    this.persisted = created.persisted;
    this.summary = created.summary;
    this.history = [...created.historyEntries];
    this.last = created;
  }

  static create(
    input: {
      product: CatalogueCode;
      targetTrede?: Trede | null;
      currentTrede: Trede;
      registeredAt: string;
    },
    settings: OrganisationSettings = DEFAULT_SETTINGS,
  ): TrajectoryDriver {
    const created = expectOk(
      createTrajectory({ ...input, now: LATER, actor: begeleider, settings }),
    );
    return new TrajectoryDriver(created, settings);
  }

  get context(): TrajectoryContext {
    return contextOf(this.persisted);
  }

  /** Applies the event; on success the driver keeps the new state, on refusal nothing changes. */
  send(
    event: TrajectoryEvent,
    occurredAt: string,
    actor: Actor | null = begeleider,
    now = LATER,
    notBefore: string | null = null,
  ): EngineResult {
    const result = applyEvent({
      persisted: this.persisted,
      event,
      occurredAt,
      now,
      actor,
      settings: this.settings,
      notBefore,
    });
    if (result.ok) this.keep(result);
    return result;
  }

  /** Like send, but the test fails when the engine refuses. */
  must(
    event: TrajectoryEvent,
    occurredAt: string,
    actor: Actor | null = begeleider,
  ): EngineOutcome {
    return expectOk(this.send(event, occurredAt, actor));
  }

  sweep(now: string): EngineResult | null {
    const result = sweepDeadline({ persisted: this.persisted, now, settings: this.settings });
    if (result?.ok) this.keep(result);
    return result;
  }

  private keep(outcome: EngineOutcome): void {
    this.persisted = outcome.persisted;
    this.summary = outcome.summary;
    // Withdrawn system entries (re-derived after a backdated event) go, as the server drops them.
    this.history.splice(this.history.length - outcome.retractedEntries, outcome.retractedEntries);
    this.history.push(...outcome.historyEntries);
    if (outcome.tredeTransition) this.transitions.push(outcome.tredeTransition);
    this.last = outcome;
  }
}
