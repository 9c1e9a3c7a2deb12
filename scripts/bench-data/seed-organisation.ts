import type { Connection } from 'mongoose';
import { resolveSettings, tariffsOf } from '../../machines';
import { hashPassword } from '../../server/users/password';
import { ensureCaseIndexes, insertCasesBulk } from '../../server/case-store/case.repository';
import type { CaseWithHistories } from '../../server/case-store/case.types';
import { createOrganisation } from '../../server/organisations/organisation.repository';
import { insertOpdrachtgever } from '../../server/organisations/opdrachtgever.repository';
import { insertTeam } from '../../server/teams/team.repository';
import { insertUser, type User } from '../../server/users/user.repository';
import { generateCase, seededRandom, type CaseOwner, type Random } from './generate-case';

/**
 * A synthetic organisation for the benchmarks (issue 13): teams of 5–12 begeleiders with 30–50
 * cases each, every case's history produced by the engine (generate-case.ts) and written in bulk
 * through the case repository. Deterministic for a seed (ids included), apart from the password
 * hash's salt.
 */
export const BENCH_PASSWORD = 'bench-password-2026';
export const BENCH_NOW = new Date('2026-06-01T10:00:00.000Z');

export interface SeedOptions {
  cases: number;
  seed: number;
  now?: Date;
  historyYears?: number;
  batchSize?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  cases: number;
  total: number;
  events: number;
  elapsedMs: number;
  generateMs: number;
  insertMs: number;
}

export interface BenchTeam {
  id: string;
  name: string;
  teamleider: User;
  begeleiders: User[];
  caseCount: number;
}

export interface SeededOrganisation {
  orgId: string;
  teams: BenchTeam[];
  beleid: User;
  coordinator: User;
  cases: number;
  events: number;
  refused: number;
  bytes: number;
  generateMs: number;
  insertMs: number;
  elapsedMs: number;
}

const FIRST = ['Anna', 'Bram', 'Cor', 'Dina', 'Eef', 'Fenna', 'Gijs', 'Hanna', 'Ivo', 'Joke'];
const LAST = ['Bankstra', 'Proefveld', 'Synthema', 'Testhuis', 'Nepdijk', 'Fictiema'];

interface PlannedCase {
  owner: CaseOwner;
  index: number;
}

/** Teams and begeleiders so that every begeleider has 30–50 cases and a team 5–12 begeleiders. */
function planTeams(random: Random, total: number) {
  const teams: Array<{ begeleiders: number[] }> = [];
  let remaining = total;
  while (remaining > 0) {
    const size = 5 + Math.floor(random() * 8);
    const loads: number[] = [];
    for (let index = 0; index < size && remaining > 0; index += 1) {
      const load = Math.min(remaining, 30 + Math.floor(random() * 21));
      loads.push(load);
      remaining -= load;
    }
    teams.push({ begeleiders: loads });
  }
  return teams;
}

/**
 * An organisation planned for `options.cases` cases whose cases are generated and inserted in
 * stages: `growTo(n)` adds the next planned cases until n are stored, so one database can be
 * measured at 10k and then at 100k without seeding the first 10k twice. The cases are the same
 * whatever the stages (one random stream, consumed in plan order).
 */
export interface GrowingOrganisation {
  readonly planned: number;
  growTo(cases: number, onProgress?: (progress: SeedProgress) => void): Promise<SeededOrganisation>;
}

export async function planBenchOrganisation(
  db: Connection,
  options: SeedOptions,
): Promise<GrowingOrganisation> {
  const started = Date.now();
  const now = options.now ?? BENCH_NOW;
  const random = seededRandom(options.seed);
  const settings = resolveSettings({});
  await ensureCaseIndexes(db);
  const organisation = await createOrganisation(db, {
    name: `Bench — ${options.cases} cases, seed ${options.seed}`,
    now,
  });
  // Created here, as the app's start creates it: the cases are inserted after the server started.
  const opdrachtgever = await insertOpdrachtgever(
    db,
    { orgId: organisation.id },
    { name: organisation.name, gemeentecode: null, tariffs: tariffsOf(settings), now },
  );
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const user = (role: User['role'], username: string, teamIds: string[]) =>
    insertUser(db, {
      orgId: organisation.id,
      username,
      displayName: username,
      role,
      teamIds,
      passwordHash,
      now,
    });

  const planned: PlannedCase[] = [];
  const teams: Array<BenchTeam & { firstCase: number }> = [];
  const plan = planTeams(random, options.cases);
  const prefix = `s${options.seed}`;
  for (const [teamIndex, teamPlan] of plan.entries()) {
    const team = await insertTeam(db, {
      orgId: organisation.id,
      name: `Team ${teamIndex + 1}`,
      now,
    });
    const teamleider = await user('teamleider', `${prefix}-tl-${teamIndex + 1}`, [team.id]);
    const begeleiders: User[] = [];
    const firstCase = planned.length;
    for (const [index, load] of teamPlan.begeleiders.entries()) {
      const begeleider = await user('begeleider', `${prefix}-bg-${teamIndex + 1}-${index + 1}`, [
        team.id,
      ]);
      begeleiders.push(begeleider);
      for (let n = 0; n < load; n += 1)
        planned.push({
          owner: {
            orgId: organisation.id,
            opdrachtgeverId: opdrachtgever.id,
            teamId: team.id,
            begeleiderId: begeleider.id,
            teamleiderId: teamleider.id,
          },
          index: planned.length,
        });
    }
    teams.push({
      id: team.id,
      name: team.name,
      teamleider,
      begeleiders,
      caseCount: teamPlan.begeleiders.reduce((sum, load) => sum + load, 0),
      firstCase,
    });
  }
  const allTeams = teams.map((team) => team.id);
  const beleid = await user('beleid', `${prefix}-beleid`, allTeams);
  // A teamleider of every team: the whole organisation's dashboard.
  const coordinator = await user('teamleider', `${prefix}-tl-all`, allTeams);

  const batchSize = options.batchSize ?? 500;
  const totals = { events: 0, refused: 0, bytes: 0, generateMs: 0, insertMs: 0, stored: 0 };
  // The organisation's set-up (teams, users, password hash) counts towards the first stage.
  let setUpMs = Date.now() - started;

  return {
    planned: planned.length,
    async growTo(cases, onProgress = options.onProgress) {
      const stageStarted = Date.now();
      const stage = { generateMs: 0, insertMs: 0, events: 0 };
      const until = Math.min(cases, planned.length);
      let pending: Promise<void> = Promise.resolve();
      for (let start = totals.stored; start < until; start += batchSize) {
        const generating = Date.now();
        const batch: CaseWithHistories[] = planned
          .slice(start, Math.min(start + batchSize, until))
          .map((plannedCase) => {
            const generated = generateCase({
              random,
              owner: plannedCase.owner,
              clientNumber: `${prefix}-${String(plannedCase.index + 1).padStart(7, '0')}`,
              displayName: `${FIRST[plannedCase.index % FIRST.length]} ${LAST[Math.floor(random() * LAST.length)]}`,
              settings,
              now,
              historyYears: options.historyYears ?? 3,
            });
            stage.events += generated.events;
            totals.refused += generated.refused;
            return generated.record;
          });
        if (start === 0) totals.bytes = JSON.stringify(batch).length / batch.length;
        stage.generateMs += Date.now() - generating;
        // Generate the next batch while the database takes this one (one insert in flight).
        await pending;
        pending = (async () => {
          const inserting = Date.now();
          await insertCasesBulk(db, batch);
          stage.insertMs += Date.now() - inserting;
          totals.stored += batch.length;
          onProgress?.({
            cases: totals.stored,
            total: until,
            events: totals.events + stage.events,
            elapsedMs: Date.now() - stageStarted,
            generateMs: stage.generateMs,
            insertMs: stage.insertMs,
          });
        })();
      }
      await pending;
      totals.events += stage.events;
      totals.generateMs += stage.generateMs;
      totals.insertMs += stage.insertMs;
      const stored = totals.stored;
      const stageSetUpMs = setUpMs;
      setUpMs = 0;
      return {
        orgId: organisation.id,
        // Only teams with stored cases, each with the cases stored so far.
        teams: teams
          .filter((team) => team.firstCase < stored)
          .map(({ firstCase, ...team }) => ({
            ...team,
            caseCount: Math.min(team.caseCount, stored - firstCase),
          })),
        beleid,
        coordinator,
        cases: stored,
        events: stage.events,
        refused: totals.refused,
        bytes: totals.bytes,
        generateMs: stage.generateMs,
        insertMs: stage.insertMs,
        elapsedMs: Date.now() - stageStarted + stageSetUpMs,
      };
    },
  };
}

/** The whole planned organisation in one go (`npm run seed:bench`). */
export async function seedBenchOrganisation(
  db: Connection,
  options: SeedOptions,
): Promise<SeededOrganisation> {
  const organisation = await planBenchOrganisation(db, options);
  return organisation.growTo(options.cases);
}

/** "12,000 / 100,000 cases · 480,000 events · 1,234 cases/s · ETA 1m 10s" */
export function progressLine(progress: SeedProgress): string {
  const rate = progress.cases / (progress.elapsedMs / 1000 || 1);
  const eta = Math.round((progress.total - progress.cases) / (rate || 1));
  const f = (value: number) => Math.round(value).toLocaleString('en-US');
  return `${f(progress.cases)} / ${f(progress.total)} cases · ${f(progress.events)} events · ${f(rate)} cases/s · ETA ${Math.floor(eta / 60)}m ${eta % 60}s`;
}
