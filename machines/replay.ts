import { isAtOrAfter, isBefore, normalizeInstant } from './calendar';
import { applyEvent, sweepDeadline } from './engine';
import { firstSnapshot } from './machine-registry';
import { persist } from './snapshot-store';
import { summarize } from './summary';
import type { TrajectoryTerms } from './trajectory-context';
import type {
  CatalogueCode,
  HistoryEntry,
  MachineId,
  OrganisationSettings,
  PersistedTrajectory,
  ProductSettings,
  Role,
  TrajectoryEvent,
  TrajectorySummary,
  Trede,
} from './types';

/**
 * SPEC §2.4 "a past peildatum answers what was true then" (decision 007): a trajectory's summary
 * as of `asOf`, replayed with the engine from its stored history — the registration, then every
 * event a person sent up to the peildatum; deadlines are derived again on the way (rule 1 makes
 * that independent of when the sweeper ran). The terms are the trajectory's own (kept in its
 * snapshot), never today's settings. Null when it was not yet registered on the peildatum.
 */
export interface ReplayInput {
  product: CatalogueCode;
  /** The machine the trajectory ran on (stored with it; a variant runs on its family's). */
  machineId: MachineId;
  terms: TrajectoryTerms;
  history: ReadonlyArray<
    Pick<HistoryEntry, 'type' | 'occurredAt' | 'actorId' | 'payload'> & { actorRole: Role | null }
  >;
  asOf: string;
  settings: OrganisationSettings;
}

export function replayTrajectory(input: ReplayInput): TrajectorySummary | null {
  const asOf = normalizeInstant(input.asOf);
  const created = input.history.find((entry) => entry.type === 'CREATED');
  if (!asOf || !created || isBefore(asOf, created.occurredAt)) return null;
  const machineId = input.machineId;
  // A variant of another opdrachtgever's catalogue, or one since removed: its family's product
  // stands in, since the terms below come from the trajectory itself.
  const base =
    input.settings.products[input.product] ??
    Object.values(input.settings.products).find(
      (product) => product?.machineId === machineId && !product.variantOf,
    );
  if (!base) return null;
  const productSettings: ProductSettings = {
    ...base,
    code: input.product,
    enabled: true,
    limitMonths: machineId === 'stabiel' ? null : input.terms.windowMonths,
    reviewMonths: machineId === 'stabiel' ? input.terms.windowMonths : null,
    stabielTrede: input.terms.stabielTrede,
    maxExtensionsPerStep: input.terms.maxExtensionsPerStep,
  };
  const payload = created.payload as {
    targetTrede?: Trede | null;
    currentTrede?: Trede;
    tredeAssessedAt?: string | null;
  };
  if (!payload.currentTrede) return null;
  const initial = firstSnapshot(machineId, {
    product: input.product,
    productSettings,
    targetTrede: payload.targetTrede ?? null,
    currentTrede: payload.currentTrede,
    registeredAt: created.occurredAt,
    tredeAssessedAt: payload.tredeAssessedAt ?? null,
  });
  // What was accepted then is replayed, whatever is offered today (a product since disabled).
  const settings: OrganisationSettings = {
    ...input.settings,
    products: Object.fromEntries(
      Object.entries(input.settings.products).map(([code, product]) => [
        code,
        { ...product, enabled: true },
      ]),
    ) as OrganisationSettings['products'],
  };
  let persisted: PersistedTrajectory = persist(machineId, initial);
  let summary = summarize(initial);
  for (const entry of input.history) {
    if (entry.type === 'CREATED' || entry.type === 'DEADLINE_PASSED' || entry.actorId === null)
      continue;
    if (!isAtOrAfter(asOf, entry.occurredAt)) break; // user events are in date order
    const outcome = applyEvent({
      persisted,
      event: { type: entry.type, ...entry.payload } as TrajectoryEvent,
      occurredAt: entry.occurredAt,
      now: asOf,
      actor: { userId: entry.actorId, role: entry.actorRole ?? 'begeleider' },
      settings,
    });
    // An event the rules of today refuse (recorded under an older machine version) is skipped.
    if (!outcome.ok) continue;
    persisted = outcome.persisted;
    summary = outcome.summary;
  }
  const swept = sweepDeadline({ persisted, now: asOf, settings });
  return swept?.ok ? swept.summary : summary;
}
