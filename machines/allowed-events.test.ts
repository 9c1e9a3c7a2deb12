import { EVENT_SAMPLES } from './event-payload';
import { MACHINE_IDS } from './machine-ids';
import { allowedEventsFor, canTake, offeredFollowUp, stateHandles } from './permissions';
import { DEFAULT_SETTINGS, resolveSettings } from './products';
import type { TrajectorySnapshot } from './snapshot-store';
import { modelEvents, reachableSnapshotsAndNext, serializeState } from './test-model';
import type { MachineEvent } from './trajectory-context';
import type { ClientEventType, OrganisationSettings, Role } from './types';

/**
 * allowedEventsFor and canTake answer from per-state offers computed once per machine definition (decision
 * 055). It must give exactly what asking `snapshot.can` for every sample gives, in the same order,
 * for every reachable state, role and catalogue.
 */
function askingEverySample(
  snapshot: TrajectorySnapshot,
  role: Role,
  settings: OrganisationSettings,
): ClientEventType[] {
  if (snapshot.status !== 'active' || (role !== 'begeleider' && role !== 'teamleider')) return [];
  const envelope = {
    occurredAt: snapshot.context.lastEventAt,
    actor: { userId: 'allowed-events', role },
  };
  const allowed = new Set<ClientEventType>();
  for (const sample of EVENT_SAMPLES) {
    if (allowed.has(sample.type) || !stateHandles(snapshot, sample.type)) continue;
    if (!offeredFollowUp(sample, settings).ok) continue;
    if (snapshot.can({ ...sample, ...envelope } as MachineEvent)) allowed.add(sample.type);
  }
  return [...allowed];
}

const ROLES: Role[] = ['begeleider', 'teamleider', 'beleid', 'beheerder'];
const CATALOGUES: Array<[string, OrganisationSettings]> = [
  ['default catalogue', DEFAULT_SETTINGS],
  [
    'STA-2 offered, STA-3 and ONT not',
    resolveSettings({
      products: {
        'STA-2': { enabled: true },
        'STA-3': { enabled: false },
        ONT: { enabled: false },
      },
    }),
  ],
];

describe.each(MACHINE_IDS)('allowedEventsFor: %s', (id) => {
  it.each(CATALOGUES)('is what asking can for every sample gives (%s)', (_name, settings) => {
    for (const snapshot of reachableSnapshotsAndNext(id)) {
      for (const role of ROLES) {
        expect([
          serializeState(snapshot),
          role,
          allowedEventsFor(snapshot, role, settings),
        ]).toEqual([serializeState(snapshot), role, askingEverySample(snapshot, role, settings)]);
      }
    }
  });
});

describe.each(MACHINE_IDS)('canTake: %s', (id) => {
  it('is snapshot.can for every model event in every reachable state', () => {
    for (const snapshot of reachableSnapshotsAndNext(id)) {
      for (const event of modelEvents(snapshot)) {
        expect([serializeState(snapshot), event, canTake(snapshot, event)]).toEqual([
          serializeState(snapshot),
          event,
          snapshot.can(event),
        ]);
      }
    }
  });
});
