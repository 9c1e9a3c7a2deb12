import {
  applyEvent,
  createTrajectory,
  sweepDeadline,
  type ClientEvent,
  type EngineOutcome,
  type OrganisationSettings,
  type ProductCode,
  type Role,
  type Trede,
} from '../../machines';
import { applyTrajectoryChange, type TrajectoryChange } from '../../server/case-store/case-change';
import type { CaseWithHistories, TrajectoryRecord } from '../../server/case-store/case.types';
import { nextTrajectoryId } from '../../server/case-store/trajectory-id';
import {
  advanceTrajectory,
  newTrajectoryRecord,
  toPersisted,
} from '../../server/case-store/trajectory-record';

/**
 * One synthetic participant's three years, lived through the real engine (machines/, pure, in
 * memory) and folded into a CaseWithHistories with the same pure helpers the use cases use, so every
 * invariant the API keeps holds here too (an event the engine refuses is simply not recorded).
 * Rates are those of an activering programme (issue 13): mostly ONT steps to trede 2–3, a Stabiel
 * tail, some HER; contacts every 1–3 weeks, assessments twice a year.
 */

const DAY = 24 * 3600 * 1000;

export type Random = () => number;

/** mulberry32: small, fast, deterministic for a seed. */
export function seededRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const chance = (random: Random, p: number) => random() < p;

export interface CaseOwner {
  orgId: string;
  /** The organisation's opdrachtgever (SPEC §4.1), as every case the app stores has one. */
  opdrachtgeverId?: string;
  teamId: string;
  begeleiderId: string;
  teamleiderId: string;
}

export interface GenerateCaseInput {
  random: Random;
  owner: CaseOwner;
  clientNumber: string;
  displayName: string;
  settings: OrganisationSettings;
  /** The day the data set "knows up to"; no event lies after it. */
  now: Date;
  /** How far back the oldest intake lies. */
  historyYears: number;
  /** Told every event's case before and after (tests of what a write changes). */
  onChange?: (before: CaseWithHistories, after: CaseWithHistories) => void;
}

export interface GeneratedCase {
  record: CaseWithHistories;
  events: number;
  refused: number;
}

/** An ObjectId of that second with random bytes from the seeded stream: deterministic per seed. */
function objectIdAt(at: Date, random: Random): string {
  const seconds = Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  let rest = '';
  for (let index = 0; index < 4; index += 1)
    rest += Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return seconds + rest;
}

class CaseBuilder {
  record: CaseWithHistories;
  events = 0;
  refused = 0;

  constructor(
    private readonly input: GenerateCaseInput,
    intakeAt: Date,
    trede: Trede,
  ) {
    const { owner } = input;
    this.record = {
      id: objectIdAt(intakeAt, input.random),
      orgId: owner.orgId,
      opdrachtgeverId: owner.opdrachtgeverId ?? null,
      teamId: owner.teamId,
      begeleiderId: owner.begeleiderId,
      clientNumber: input.clientNumber,
      displayName: input.displayName,
      bsn: null,
      currentTrede: trede,
      ladder: [
        {
          seq: 0,
          from: null,
          to: trede,
          at: intakeAt,
          trajectoryId: null,
          product: null,
          reason: 'intake',
          begeleiderId: owner.begeleiderId,
          teamId: owner.teamId,
          recordedAt: intakeAt,
        },
      ],
      lastAssessedAt: null,
      openTrajectory: null,
      closedTrajectories: [],
      idempotency: [],
      auditOutbox: [],
      version: 1,
      createdAt: intakeAt,
      updatedAt: intakeAt,
    };
  }

  private actor(role: Role = 'begeleider') {
    const { owner } = this.input;
    return { userId: role === 'teamleider' ? owner.teamleiderId : owner.begeleiderId, role };
  }

  open(product: ProductCode, at: Date): boolean {
    const current = this.record.currentTrede;
    const targetTrede = product === 'ONT' ? (Math.min(current + 1, 5) as Trede) : undefined;
    if (product === 'ONT' && current >= 5) return false;
    const outcome = createTrajectory({
      product,
      targetTrede,
      currentTrede: current,
      registeredAt: at.toISOString(),
      now: at.toISOString(),
      actor: this.actor(),
      settings: this.input.settings,
    });
    if (!outcome.ok) {
      this.refused += 1;
      return false;
    }
    const trajectory = newTrajectoryRecord(outcome, {
      id: nextTrajectoryId(this.record),
      now: at,
      createdBy: this.input.owner.begeleiderId,
      actorRole: 'begeleider',
      previousTrajectoryId: null,
      settings: this.input.settings,
    });
    this.record = {
      ...this.record,
      openTrajectory: trajectory,
      version: this.record.version + 1,
      updatedAt: at,
    };
    this.events += 1;
    return true;
  }

  /** One event through the engine, as the apply-event use case folds it in. */
  send(event: ClientEvent, at: Date, role: Role = 'begeleider'): EngineOutcome | null {
    const trajectory = this.record.openTrajectory;
    if (!trajectory) return null;
    const { settings } = this.input;
    const outcome = applyEvent({
      persisted: toPersisted(trajectory),
      event,
      occurredAt: at.toISOString(),
      now: at.toISOString(),
      actor: this.actor(role),
      settings,
    });
    if (!outcome.ok) {
      this.refused += 1;
      return null;
    }
    let followUp: TrajectoryRecord | null = null;
    if (outcome.followUp) {
      const created = createTrajectory({
        product: outcome.followUp.product,
        targetTrede: outcome.followUp.targetTrede ?? undefined,
        currentTrede: outcome.tredeTransition?.to ?? this.record.currentTrede,
        registeredAt: at.toISOString(),
        now: at.toISOString(),
        actor: this.actor(role),
        settings,
      });
      if (created.ok)
        followUp = newTrajectoryRecord(created, {
          id: nextTrajectoryId(this.record),
          now: at,
          createdBy: this.input.owner.begeleiderId,
          actorRole: role,
          previousTrajectoryId: trajectory.id,
          settings,
        });
    }
    this.change({
      trajectory: advanceTrajectory(trajectory, outcome, { actorRole: role, settings }),
      transition: outcome.tredeTransition,
      followUp,
      begeleiderId: null,
      idempotency: null,
      now: at,
    });
    this.events += 1;
    return outcome;
  }

  /** What the sweeper would have done by `now`: DEADLINE_PASSED at the deadline instant. */
  sweep(now: Date): void {
    const trajectory = this.record.openTrajectory;
    if (!trajectory?.sweepDueAt || trajectory.sweepDueAt > now) return;
    const outcome = sweepDeadline({
      persisted: toPersisted(trajectory),
      now: now.toISOString(),
      settings: this.input.settings,
    });
    if (!outcome?.ok) return;
    this.change({
      trajectory: advanceTrajectory(trajectory, outcome, {
        actorRole: null,
        settings: this.input.settings,
      }),
      transition: null,
      followUp: null,
      begeleiderId: null,
      idempotency: null,
      now,
    });
    this.events += 1;
  }

  private change(change: TrajectoryChange): void {
    const before = this.record;
    this.record = applyTrajectoryChange(before, change);
    this.input.onChange?.(before, this.record);
  }

  get state() {
    return this.record.openTrajectory?.summary.state ?? null;
  }
}

function pickProduct(random: Random, trede: Trede): ProductCode {
  const roll = random();
  if (trede === 3 && roll < 0.25) return 'STA-3';
  if (trede === 4 && roll < 0.4) return 'STA-4';
  if (trede <= 2 && roll < 0.15) return 'HER';
  return trede >= 5 ? 'STA-4' : 'ONT';
}

function intakeTrede(random: Random): Trede {
  const roll = random();
  if (roll < 0.35) return 1;
  if (roll < 0.75) return 2;
  if (roll < 0.92) return 3;
  return 4;
}

const CONTACT_NOTES = [
  'Gesprek',
  'Huisbezoek',
  'Telefonisch contact',
  'Werkbezoek',
  'Groepsactiviteit',
];

/**
 * Lives one trajectory from `at` until it closes or `now`. Returns when the next trajectory may
 * start (null: none).
 */
function liveTrajectory(builder: CaseBuilder, random: Random, at: Date, now: Date): Date | null {
  let t = at.getTime();
  const later = (days: number) => (t = Math.min(t + days * DAY, now.getTime()));
  const time = () => new Date(t);
  // Waiting to start: a few days, sometimes weeks.
  later(between(random, 2, chance(random, 0.1) ? 45 : 14));
  if (t >= now.getTime()) return null;
  builder.send({ type: 'START' }, time());
  let nextAssessment = t + between(random, 150, 190) * DAY;
  while (t < now.getTime()) {
    const state = builder.state;
    if (state === null) return new Date(t + between(random, 7, 60) * DAY);
    later(between(random, 7, 21));
    if (t >= now.getTime()) break;
    const record = builder.record.openTrajectory!;
    const product = record.product as ProductCode; // the generator opens built-in products only
    const trede = builder.record.currentTrede;
    const target = record.summary.targetTrede;
    const started = record.summary.startedAt?.getTime() ?? t;
    const roll = random();
    switch (state) {
      case 'suspended':
        if (roll < 0.25) builder.send({ type: 'RESUME' }, time());
        continue;
      case 'droppedOut':
        if (roll < 0.2) builder.send({ type: 'RESUME' }, time());
        else if (roll < 0.4) builder.send({ type: 'CLOSE', outcome: 'dropout' }, time());
        continue;
      case 'stepAchieved':
        if (target !== null && target < 3 && roll < 0.7)
          builder.send({ type: 'NEXT_STEP' }, time());
        else if (roll < 0.85)
          builder.send({ type: 'CLOSE', outcome: trede >= 5 ? 'paidWork' : 'goalReached' }, time());
        continue;
      case 'overdue':
        if (product === 'HER') {
          builder.send(herConclusion(random, trede), time());
        } else if (roll < 0.35) {
          builder.send(
            { type: 'EXTEND', months: 2, reason: 'Meer tijd nodig' },
            time(),
            'teamleider',
          );
        } else if (roll < 0.6) {
          builder.send({ type: 'CLOSE', outcome: 'goalNotReached' }, time());
        } else {
          builder.send({ type: 'RECORD_CONTACT', note: 'Gesprek', minutes: 45 }, time());
        }
        continue;
      case 'reviewDue':
        builder.send(
          roll < 0.85
            ? { type: 'REVIEW', decision: 'continue' }
            : { type: 'REVIEW', decision: 'close' },
          time(),
        );
        continue;
      default:
        break;
    }
    // active (or registered that failed to start): contacts, assessments, the odd disruption.
    if (state === 'registered') {
      builder.send({ type: 'START' }, time());
      continue;
    }
    if (roll < 0.006) {
      builder.send({ type: 'SUSPEND', reason: 'Ziekte' }, time());
      continue;
    }
    if (roll < 0.01) {
      builder.send({ type: 'DROP_OUT', reason: 'Geen contact meer' }, time());
      continue;
    }
    if (product === 'HER' && t - started > between(random, 200, 420) * DAY) {
      builder.send(herConclusion(random, trede), time());
      continue;
    }
    if (t >= nextAssessment) {
      nextAssessment = t + between(random, 160, 200) * DAY;
      builder.send(
        { type: 'ASSESS_TREDE', trede: assessedTrede(random, product, trede, target) },
        time(),
      );
      continue;
    }
    builder.send(
      {
        type: 'RECORD_CONTACT',
        note: CONTACT_NOTES[Math.floor(random() * CONTACT_NOTES.length)]!,
        minutes: 15 * Math.ceil(between(random, 1, 6)),
      },
      time(),
    );
  }
  return null;
}

function assessedTrede(
  random: Random,
  product: ProductCode,
  trede: Trede,
  target: Trede | null,
): Trede {
  const roll = random();
  const clamp = (value: number) => Math.max(1, Math.min(6, value)) as Trede;
  if (product === 'ONT' && target !== null) {
    if (roll < 0.45) return target; // step achieved
    if (roll < 0.52) return clamp(trede - 1); // relapse
    return trede;
  }
  if (product.startsWith('STA')) {
    if (roll < 0.1) return clamp(trede - 1); // terugval
    if (roll < 0.16) return clamp(trede + 1); // doorgroei
    return trede;
  }
  return roll < 0.3 ? clamp(trede + 1) : trede;
}

function herConclusion(random: Random, trede: Trede): ClientEvent {
  const roll = random();
  const concluded = Math.min(trede + (roll < 0.5 ? 0 : 1), 5) as Trede;
  if (roll < 0.5) return { type: 'CONCLUDE', trede: concluded, route: 'ontwikkeltraject' };
  if (roll < 0.6 && concluded >= 3 && concluded <= 4)
    return { type: 'CONCLUDE', trede: concluded, route: 'stabiel' };
  if (roll < 0.8) return { type: 'CONCLUDE', trede: concluded, route: 'zelfstandig' };
  return { type: 'CONCLUDE', trede: concluded, route: 'vrijwilligerswerk' };
}

export function generateCase(input: GenerateCaseInput): GeneratedCase {
  const { random, now } = input;
  const span = input.historyYears * 365 * DAY;
  const intakeAt = new Date(now.getTime() - 14 * DAY - random() * span);
  const builder = new CaseBuilder(input, intakeAt, intakeTrede(random));
  let at: Date | null = new Date(intakeAt.getTime() + between(random, 1, 20) * DAY);
  // ~5% of cases have an intake only; the others run trajectories one after another.
  if (chance(random, 0.05)) at = null;
  while (at && at < now) {
    if (!builder.record.openTrajectory) {
      if (!builder.open(pickProduct(random, builder.record.currentTrede), at)) break;
    }
    at = liveTrajectory(builder, random, at, now);
    // Re-entry: not everyone starts again after a trajectory closes.
    if (at && !builder.record.openTrajectory && chance(random, 0.2)) break;
  }
  builder.sweep(now);
  return { record: builder.record, events: builder.events, refused: builder.refused };
}
