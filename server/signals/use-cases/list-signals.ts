import { signalBounds, signalFromBound, signalsWithin, type SignalCode } from '../../../machines';
import type { AppContext } from '../../app-context';
import { recordAudit } from '../../audit/audit-log';
import type { AuthUser } from '../../policies/actor';
import { findCasesWithTrajectoryOpenAt } from '../../case-store/case.repository';
import { openCaseSummaries } from '../../case-store/case-summary-sync';
import { scopeOf } from '../../policies/scope';
import { loadOrganisationSettings } from '../../organisations/settings';
import { loadSummary } from '../../case-store/trajectory-record';
import { signalsAt } from '../past-signals';
import { presentSignalItem, presentSignals } from '../presenter';
import { ALL_SIGNAL_CODES, signalFilter } from '../signal-filters';

export interface ListSignalsInput {
  asOf?: string;
  team?: string;
  opdrachtgever?: string;
  begeleider?: string;
  code?: SignalCode;
}

/**
 * GET /signals: indexed queries on the case summaries (decision 026) select the candidates
 * (signal-filters.ts); the engine's computeSignals, the reference, labels each one with its codes
 * (SPEC §2.4). A past peildatum replays the cases' histories instead.
 */
export async function listSignals(context: AppContext, user: AuthUser, input: ListSignalsInput) {
  const settings = await loadOrganisationSettings(context, user.orgId);
  const asOf = input.asOf ? new Date(input.asOf) : context.clock.now();
  const codes = input.code ? [input.code] : ALL_SIGNAL_CODES;
  const bounds = signalBounds(asOf.toISOString(), settings.signals);
  const counts = Object.fromEntries(ALL_SIGNAL_CODES.map((code) => [code, 0])) as Record<
    SignalCode,
    number
  >;
  // The audit entry says who looked at what, not what was found, so it is written while the
  // candidates are read (the dashboard's latency, decision 054) and still acknowledged before the
  // answer: a failed audit write fails the request, as before.
  const audited = recordAudit(context, {
    orgId: user.orgId,
    actorId: user.id,
    action: 'signals.list',
    details: {
      asOf: asOf.toISOString(),
      team: input.team ?? null,
      opdrachtgever: input.opdrachtgever ?? null,
      begeleider: input.begeleider ?? null,
      code: input.code ?? null,
    },
  });
  // SPEC §2.4: a past peildatum is replayed from the history; today and the future use the
  // stored summaries (a future peildatum projects today's state).
  const labelling = async () =>
    asOf < context.clock.now()
      ? signalsAt(
          await findCasesWithTrajectoryOpenAt(context.db, scopeOf(user), {
            teamId: input.team,
            opdrachtgeverId: input.opdrachtgever,
            begeleiderId: input.begeleider,
            asOf,
          }),
          asOf,
          settings,
        )
      : (
          await openCaseSummaries(context, scopeOf(user), {
            teamId: input.team,
            opdrachtgeverId: input.opdrachtgever,
            begeleiderId: input.begeleider,
            signalFromAtMost: new Date(signalFromBound(asOf.toISOString(), settings.signals)),
            summaryFilter: { $or: codes.map((code) => signalFilter(code, bounds, 'summaries')) },
          })
        ).map((record) => {
          const open = record.open!;
          const summary = loadSummary(open.summary);
          return {
            record: { ...record, id: record.caseId },
            trajectory: { id: open.trajectoryId, product: open.product },
            summary,
            signals: signalsWithin(summary, bounds),
          };
        });
  const [labelled] = await Promise.all([labelling(), audited]);
  const items = labelled.flatMap(({ record, trajectory, summary, signals }) => {
    if (input.code ? !signals.includes(input.code) : signals.length === 0) return [];
    for (const signal of signals) counts[signal] += 1;
    return [presentSignalItem({ record, trajectory, summary, signals })];
  });
  return presentSignals(asOf, items, counts);
}
