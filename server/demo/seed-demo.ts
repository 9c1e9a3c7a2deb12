import { resolveSettings, tariffsOf, type CatalogueCode, type Trede } from '../../machines';
import type { AppContext } from '../app-context';
import type { AuthUser } from '../policies/actor';
import { createCase } from '../cases/use-cases/create-case';
import { recordAssessment } from '../cases/use-cases/record-assessment';
import { FixedClock } from '../clock';
import {
  createOrganisation,
  findFirstOrganisation,
} from '../organisations/organisation.repository';
import { insertOpdrachtgever } from '../organisations/opdrachtgever.repository';
import { runSweep } from '../sweeper/run-sweep';
import { findTeams, insertTeam, type Team } from '../teams/team.repository';
import { applyTrajectoryEvent } from '../trajectories/use-cases/apply-event';
import { createTrajectoryForCase } from '../trajectories/use-cases/create-trajectory';
import type { EventBody } from '../trajectories/schema';
import { createUser } from '../users/use-cases/create-user';
import { findUsers } from '../users/user.repository';

/**
 * A clearly marked demo organisation (issue 4, item 7): fictitious people, fixed passwords, ~200
 * cases in every product and state, backdated through the same use cases and engine as the API
 * (nothing bypasses the workflow rules), so that every signal of SPEC §2.4 appears.
 */
export const DEMO_ORGANISATION_NAME = 'Demo — Gemeente Voorbeeld';
export const DEMO_PASSWORD = 'demo-trede-2026';

export interface DemoLogin {
  username: string;
  role: string;
  teams: string;
}

/** The demo logins, if the first organisation is the demo one (printed at every start). */
export async function demoLogins(context: AppContext): Promise<DemoLogin[] | null> {
  const organisation = await findFirstOrganisation(context.db);
  if (!organisation?.demo) return null;
  const [users, teams] = await Promise.all([
    findUsers(context.db, { orgId: organisation.id }),
    findTeams(context.db, { orgId: organisation.id }),
  ]);
  const roleOrder = ['teamleider', 'begeleider', 'beleid', 'beheerder'];
  return users
    .filter((user) => user.username.startsWith('demo-'))
    .sort(
      (a, b) =>
        roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) ||
        a.username.localeCompare(b.username, 'nl', { numeric: true }),
    )
    .map((user) => ({
      username: user.username,
      role: user.role,
      teams:
        teams
          .filter((team) => user.teamIds.includes(team.id))
          .map((team) => team.name)
          .join(', ') || '—',
    }));
}

const DAY = 24 * 3600 * 1000;

/** Deterministic pseudo-random numbers (mulberry32): the same demo on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step =
  | { days: number; trajectory: CatalogueCode; target?: Trede }
  /** A ladder measurement outside a trajectory (POST /cases/:id/assessments), after it closed. */
  | { days: number; measure: Trede }
  | {
      days: number;
      event: DistributiveOmit<EventBody, 'occurredAt' | 'expectedVersion'>;
      by?: 'teamleider';
    };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type DemoOpdrachtgever = 'arnhem' | 'renkum' | 'nijmegen';

interface Scenario {
  name: string;
  /** A product only one catalogue offers pins the scenario to that opdrachtgever. */
  opdrachtgever?: DemoOpdrachtgever;
  intake: { days: number; trede: Trede };
  steps: Step[];
}

const contact = (days: number, minutes = 60): Step => ({
  days,
  event: { type: 'RECORD_CONTACT', note: 'Gesprek (demo)', minutes },
});
const assess = (days: number, trede: Trede): Step => ({
  days,
  event: { type: 'ASSESS_TREDE', trede },
});
const start = (days: number): Step => ({ days, event: { type: 'START' } });

/** `days` = days before now. Every state of SPEC §2.3 and every signal of §2.4 is among these. */
const SCENARIOS: Scenario[] = [
  {
    name: 'ONT running',
    intake: { days: 45, trede: 1 },
    steps: [{ days: 40, trajectory: 'ONT', target: 2 }, start(35), contact(12), contact(3)],
  },
  {
    name: 'ONT deadline near',
    intake: { days: 200, trede: 2 },
    steps: [{ days: 175, trajectory: 'ONT', target: 3 }, start(168), contact(6)],
  },
  {
    name: 'ONT overdue',
    intake: { days: 240, trede: 2 },
    steps: [{ days: 215, trajectory: 'ONT', target: 3 }, start(205), contact(150)],
  },
  {
    name: 'ONT step achieved',
    intake: { days: 130, trede: 2 },
    steps: [{ days: 120, trajectory: 'ONT', target: 3 }, start(110), contact(60), assess(15, 3)],
  },
  {
    name: 'ONT next step',
    intake: { days: 320, trede: 1 },
    steps: [
      { days: 300, trajectory: 'ONT', target: 2 },
      start(290),
      assess(160, 2),
      { days: 158, event: { type: 'NEXT_STEP' } },
      contact(9),
    ],
  },
  {
    name: 'ONT extended by the teamleider',
    intake: { days: 270, trede: 3 },
    steps: [
      { days: 250, trajectory: 'ONT', target: 4 },
      start(235),
      contact(100),
      {
        days: 40,
        event: { type: 'EXTEND', months: 2, reason: 'Stage loopt nog (demo)' },
        by: 'teamleider',
      },
      contact(6),
    ],
  },
  {
    name: 'ONT closed, goal reached',
    intake: { days: 520, trede: 4 },
    steps: [
      { days: 500, trajectory: 'ONT', target: 5 },
      start(490),
      assess(320, 5),
      { days: 318, event: { type: 'CLOSE', outcome: 'goalReached' } },
    ],
  },
  {
    name: 'ONT without activity',
    intake: { days: 95, trede: 2 },
    steps: [{ days: 80, trajectory: 'ONT', target: 3 }, start(72)],
  },
  {
    name: 'ONT dropped out',
    intake: { days: 160, trede: 1 },
    steps: [
      { days: 140, trajectory: 'ONT', target: 2 },
      start(125),
      contact(70),
      { days: 45, event: { type: 'DROP_OUT', reason: 'Geen contact meer (demo)' } },
    ],
  },
  {
    name: 'ONT suspended long',
    intake: { days: 210, trede: 2 },
    steps: [
      { days: 190, trajectory: 'ONT', target: 3 },
      start(180),
      { days: 110, event: { type: 'SUSPEND', reason: 'Opname (demo)' } },
    ],
  },
  {
    name: 'ONT waiting to start',
    intake: { days: 60, trede: 1 },
    steps: [{ days: 40, trajectory: 'ONT', target: 2 }],
  },
  {
    name: 'HER just registered',
    intake: { days: 12, trede: 1 },
    steps: [{ days: 6, trajectory: 'HER' }],
  },
  {
    name: 'STA-3 reviewed',
    intake: { days: 160, trede: 3 },
    steps: [
      { days: 150, trajectory: 'STA-3' },
      start(140),
      { days: 20, event: { type: 'REVIEW', decision: 'continue' } },
      contact(4),
    ],
  },
  {
    name: 'STA-4 review due',
    intake: { days: 260, trede: 4 },
    steps: [{ days: 235, trajectory: 'STA-4' }, start(225), contact(30)],
  },
  {
    name: 'STA-3 relapse',
    intake: { days: 110, trede: 3 },
    steps: [{ days: 100, trajectory: 'STA-3' }, start(95), assess(30, 2), contact(5)],
  },
  {
    name: 'STA-4 doorgroei',
    intake: { days: 90, trede: 4 },
    steps: [{ days: 85, trajectory: 'STA-4' }, start(80), assess(10, 5)],
  },
  {
    name: 'HER running',
    intake: { days: 130, trede: 1 },
    steps: [{ days: 120, trajectory: 'HER' }, start(110), contact(8)],
  },
  {
    name: 'HER overdue',
    intake: { days: 430, trede: 2 },
    steps: [{ days: 410, trajectory: 'HER' }, start(400), contact(200)],
  },
  {
    name: 'HER concluded into ONT',
    intake: { days: 310, trede: 1 },
    steps: [
      { days: 300, trajectory: 'HER' },
      start(290),
      contact(100),
      { days: 18, event: { type: 'CONCLUDE', trede: 2, route: 'ontwikkeltraject' } },
    ],
  },
  {
    name: 'HER concluded: zelfstandig',
    intake: { days: 380, trede: 2 },
    steps: [
      { days: 370, trajectory: 'HER' },
      start(360),
      { days: 120, event: { type: 'CONCLUDE', trede: 3, route: 'zelfstandig' } },
    ],
  },
  { name: 'intake only', intake: { days: 16, trede: 2 }, steps: [] },
  {
    name: 'STA-2 at Renkum (the proposed product)',
    opdrachtgever: 'renkum',
    intake: { days: 150, trede: 2 },
    steps: [{ days: 140, trajectory: 'STA-2' }, start(135), contact(40, 90), contact(7, 45)],
  },
  {
    name: 'STA-3-PLUS at Nijmegen (the plusvariant)',
    opdrachtgever: 'nijmegen',
    intake: { days: 170, trede: 3 },
    steps: [{ days: 160, trajectory: 'STA-3-PLUS' }, start(155), contact(33, 75), contact(5, 60)],
  },
  {
    name: 'ONT achieved after the limit',
    intake: { days: 270, trede: 2 },
    steps: [
      { days: 260, trajectory: 'ONT', target: 3 },
      start(255),
      contact(120),
      assess(50, 3),
      { days: 48, event: { type: 'CLOSE', outcome: 'goalReached' } },
    ],
  },
  {
    name: 'ONT dropped out, closed, back within six months',
    intake: { days: 330, trede: 1 },
    steps: [
      { days: 320, trajectory: 'ONT', target: 2 },
      start(315),
      { days: 230, event: { type: 'DROP_OUT', reason: 'Geen contact meer (demo)' } },
      { days: 200, event: { type: 'CLOSE', outcome: 'dropout' } },
      { days: 100, trajectory: 'ONT', target: 2 },
      start(95),
      contact(20, 45),
    ],
  },
  {
    name: 'ONT closed: moved',
    intake: { days: 300, trede: 2 },
    steps: [
      { days: 290, trajectory: 'ONT', target: 3 },
      start(285),
      contact(200, 30),
      { days: 150, event: { type: 'CLOSE', outcome: 'moved' } },
    ],
  },
  {
    name: 'STA-4 closed: switched',
    intake: { days: 280, trede: 4 },
    steps: [
      { days: 275, trajectory: 'STA-4' },
      start(270),
      contact(180, 45),
      { days: 90, event: { type: 'CLOSE', outcome: 'switched' } },
    ],
  },
  {
    name: 'ONT closed: goal not reached, and other',
    intake: { days: 250, trede: 3 },
    steps: [
      { days: 245, trajectory: 'ONT', target: 4 },
      start(240),
      { days: 60, event: { type: 'CLOSE', outcome: 'goalNotReached' } },
      { days: 40, trajectory: 'HER' },
      start(38),
      { days: 25, event: { type: 'CLOSE', outcome: 'other' } },
    ],
  },
  {
    name: 'paid work a year and a half ago, still working',
    intake: { days: 720, trede: 4 },
    steps: [
      { days: 710, trajectory: 'ONT', target: 5 },
      start(700),
      assess(560, 5),
      { days: 555, event: { type: 'CLOSE', outcome: 'paidWork' } },
    ],
  },
  {
    name: 'trede 5 a year and a half ago, fell back since',
    intake: { days: 730, trede: 4 },
    steps: [
      { days: 725, trajectory: 'ONT', target: 5 },
      start(720),
      assess(600, 5),
      { days: 598, event: { type: 'CLOSE', outcome: 'goalReached' } },
      { days: 300, trajectory: 'HER' },
      start(295),
      assess(250, 3),
      contact(10, 60),
    ],
  },
  {
    name: 'ONT to paid work',
    intake: { days: 420, trede: 4 },
    steps: [
      { days: 400, trajectory: 'ONT', target: 5 },
      start(390),
      assess(210, 6),
      { days: 205, event: { type: 'CLOSE', outcome: 'paidWork' } },
    ],
  },
  {
    name: 'ONT to paid work, still at trede 6 a year later (duurzame uitstroom)',
    intake: { days: 560, trede: 4 },
    steps: [
      { days: 540, trajectory: 'ONT' },
      start(530),
      assess(400, 5),
      { days: 398, event: { type: 'CLOSE', outcome: 'goalReached' } },
      { days: 200, measure: 6 },
      { days: 30, measure: 6 },
    ],
  },
];

/**
 * The demo organisation is a provider working for three municipalities (SPEC §4.1, seed 003),
 * whose catalogues differ: Arnhem the defaults, Renkum the proposed Stabiel op trede 2 at a
 * higher tariff and a cheaper Herontdekken, Nijmegen its plusvariant of Stabiel op trede 3.
 */
export const DEMO_OPDRACHTGEVERS: ReadonlyArray<{
  key: DemoOpdrachtgever;
  name: string;
  gemeentecode: string;
  overrides: Record<string, unknown>;
}> = [
  { key: 'arnhem', name: 'Gemeente Arnhem', gemeentecode: 'GM0202', overrides: {} },
  {
    key: 'renkum',
    name: 'Gemeente Renkum',
    gemeentecode: 'GM0274',
    overrides: {
      products: {
        'STA-2': { enabled: true, tariffCentsPerHour: 1600 },
        HER: { tariffCentsPerHour: 1050 },
      },
    },
  },
  {
    key: 'nijmegen',
    name: 'Gemeente Nijmegen',
    gemeentecode: 'GM0268',
    overrides: {
      products: { ONT: { tariffCentsPerHour: 1150 } },
      variants: [
        {
          code: 'STA-3-PLUS',
          name: 'Stabiel op trede 3 plus',
          family: 'STA',
          stabielTrede: 3,
          tariffCentsPerHour: 960,
        },
      ],
    },
  },
];

async function seedOpdrachtgevers(
  context: AppContext,
  orgId: string,
  now: Date,
): Promise<Record<DemoOpdrachtgever, string>> {
  const ids = {} as Record<DemoOpdrachtgever, string>;
  for (const entry of DEMO_OPDRACHTGEVERS) {
    const created = await insertOpdrachtgever(
      context.db,
      { orgId },
      {
        name: entry.name,
        gemeentecode: entry.gemeentecode,
        settingsOverrides: entry.overrides,
        tariffs: tariffsOf(resolveSettings({}, entry.overrides)),
        now,
      },
    );
    ids[entry.key] = created.id;
  }
  return ids;
}

/** How many scenarios the demo plays; `cases` = a multiple of it shows each one equally often. */
export const DEMO_SCENARIO_COUNT = (): number => SCENARIOS.length;

const FIRST_NAMES = [
  'Anna',
  'Bram',
  'Cor',
  'Dina',
  'Eef',
  'Fenna',
  'Gijs',
  'Hanna',
  'Ivo',
  'Joke',
  'Kees',
  'Lotte',
  'Mees',
  'Noor',
  'Otto',
  'Pien',
  'Rik',
  'Sanne',
  'Teun',
  'Vera',
];
const LAST_NAMES = [
  'Voorbeeld',
  'Proefstra',
  'Demodijk',
  'Nepveld',
  'Testersen',
  'Fictief',
  'Verzonnen',
  'Oefenaar',
];

export async function seedDemoData(
  context: AppContext,
  options: { cases?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const now = context.clock.now();
  const organisation = await createOrganisation(context.db, {
    name: DEMO_ORGANISATION_NAME,
    demo: true,
    now,
  });
  const opdrachtgevers = await seedOpdrachtgevers(context, organisation.id, now);
  const teams: Team[] = [];
  for (const name of ['Team Noord (demo)', 'Team Zuid (demo)', 'Team Centrum (demo)']) {
    teams.push(await insertTeam(context.db, { orgId: organisation.id, name, now }));
  }
  const user = (
    username: string,
    displayName: string,
    role: AuthUser['role'],
    teamIds: string[],
  ): Promise<AuthUser> =>
    createUser(context, {
      orgId: organisation.id,
      username,
      displayName,
      role,
      teamIds,
      password: DEMO_PASSWORD,
    });
  const teamleider = await user(
    'demo-teamleider',
    'Tamara Teamleider (demo)',
    'teamleider',
    teams.map((team) => team.id),
  );
  const begeleiders: AuthUser[][] = [];
  let number = 1;
  for (const team of teams) {
    const members: AuthUser[] = [];
    for (let index = 0; index < 2; index += 1, number += 1) {
      members.push(
        await user(`demo-begeleider-${number}`, `Begeleider ${number} (demo)`, 'begeleider', [
          team.id,
        ]),
      );
    }
    begeleiders.push(members);
  }
  await user('demo-beleid', 'Bas Beleid (demo)', 'beleid', []);
  await user('demo-beheerder', 'Bea Beheerder (demo)', 'beheerder', []);

  const rng = random(20260601);
  const total = options.cases ?? SCENARIOS.length * 7;
  const plans = Array.from({ length: total }, (_, index) => {
    const teamIndex = index % teams.length;
    const members = begeleiders[teamIndex]!;
    return {
      index,
      scenario: SCENARIOS[index % SCENARIOS.length]!,
      team: teams[teamIndex]!,
      opdrachtgeverId:
        opdrachtgevers[
          SCENARIOS[index % SCENARIOS.length]!.opdrachtgever ??
            DEMO_OPDRACHTGEVERS[Math.floor(index / teams.length) % DEMO_OPDRACHTGEVERS.length]!.key
        ],
      begeleider: members[Math.floor(index / teams.length) % members.length]!,
      jitterDays: Math.floor(rng() * 4),
      name: `${FIRST_NAMES[Math.floor(rng() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)]} (fictief)`,
    };
  });
  // A few cases at a time: each case is independent, and its own steps run in order.
  for (let start = 0; start < plans.length; start += 4) {
    await Promise.all(
      plans.slice(start, start + 4).map((plan) => seedCase(context, now, plan, teamleider)),
    );
    options.onProgress?.(Math.min(start + 4, plans.length), plans.length);
  }
  // Deadlines that passed while "nobody was looking" are applied as the sweeper would.
  await runSweep(context, now);
}

async function seedCase(
  context: AppContext,
  now: Date,
  plan: {
    index: number;
    scenario: Scenario;
    team: { id: string };
    opdrachtgeverId: string;
    begeleider: AuthUser;
    jitterDays: number;
    name: string;
  },
  teamleider: AuthUser,
): Promise<void> {
  // Hours vary a little so lists do not look machine-made; jitter shifts the whole case backwards.
  const at = (days: number) =>
    new Date(
      now.getTime() - (days + plan.jitterDays) * DAY - ((plan.index * 37) % 300) * 60 * 1000,
    );
  const contextAt = (when: Date): AppContext => ({ ...context, clock: new FixedClock(when) });

  const intakeAt = at(plan.scenario.intake.days);
  const record = await createCase(contextAt(intakeAt), plan.begeleider, {
    clientNumber: `DEMO-${String(plan.index + 1).padStart(4, '0')}`,
    displayName: plan.name,
    teamId: plan.team.id,
    opdrachtgeverId: plan.opdrachtgeverId,
    begeleiderId: plan.begeleider.id,
    trede: plan.scenario.intake.trede,
    assessedAt: intakeAt.toISOString(),
    ...(plan.index % 10 === 0 && { bsn: '111222333' }), // the well-known test BSN, never a real one
  });
  let trajectory: { id: string; version: number } | null = null;
  for (const step of plan.scenario.steps) {
    const when = at(step.days);
    if ('trajectory' in step) {
      const view = await createTrajectoryForCase(contextAt(when), plan.begeleider, record.id, {
        product: step.trajectory,
        targetTrede: step.target,
        registeredAt: when.toISOString(),
      });
      trajectory = { id: view.id, version: view.version };
      continue;
    }
    if ('measure' in step) {
      await recordAssessment(contextAt(when), plan.begeleider, record.id, {
        trede: step.measure,
        assessedAt: when.toISOString(),
      });
      continue;
    }
    if (!trajectory)
      throw new Error(`demo scenario ${plan.scenario.name}: event before a trajectory`);
    const actor = step.by === 'teamleider' ? teamleider : plan.begeleider;
    const body = {
      ...step.event,
      occurredAt: when.toISOString(),
      expectedVersion: trajectory.version,
    } as EventBody;
    const view = await applyTrajectoryEvent(contextAt(when), actor, trajectory.id, body);
    trajectory = view.followUpTrajectoryId
      ? { id: view.followUpTrajectoryId, version: 1 }
      : { id: view.id, version: view.version };
  }
}

/** The console box of issue 4: what a tester needs to log in, impossible to mistake for real. */
export function demoLoginBox(logins: DemoLogin[]): string {
  const lines = [
    'DEMO DATA — not for real participants',
    `Organisation: ${DEMO_ORGANISATION_NAME}`,
    `Password for every demo login: ${DEMO_PASSWORD}`,
    '',
    ...logins.map(
      (login) => `${login.username.padEnd(20)} ${login.role.padEnd(11)} ${login.teams}`,
    ),
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return [border, ...lines.map((line) => `| ${line.padEnd(width)} |`), border].join('\n');
}
