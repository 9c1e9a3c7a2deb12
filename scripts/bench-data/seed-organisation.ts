import type { Connection } from 'mongoose';
import { resolveSettings } from '../../machines';
import { hashPassword } from '../../server/users/password';
import { ensureCaseIndexes, insertCasesBulk } from '../../server/case-store/case.repository';
import type { CaseRecord } from '../../server/case-store/case.types';
import { createOrganisation } from '../../server/organisations/organisation.repository';
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
  profile?: 'realistic' | 'due';
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

export async function seedBenchOrganisation(
  db: Connection,
  options: SeedOptions,
): Promise<SeededOrganisation> {
  const started = Date.now();
  const now = options.now ?? BENCH_NOW;
  const random = seededRandom(options.seed);
  const settings = resolveSettings({});
  await ensureCaseIndexes(db);
  const organisation = await createOrganisation(db, {
    name: `Bench — ${options.cases} cases, seed ${options.seed}`,
    now,
  });
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
  const teams: BenchTeam[] = [];
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
    for (const [index, load] of teamPlan.begeleiders.entries()) {
      const begeleider = await user('begeleider', `${prefix}-bg-${teamIndex + 1}-${index + 1}`, [
        team.id,
      ]);
      begeleiders.push(begeleider);
      for (let n = 0; n < load; n += 1)
        planned.push({
          owner: {
            orgId: organisation.id,
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
    });
  }
  const allTeams = teams.map((team) => team.id);
  const beleid = await user('beleid', `${prefix}-beleid`, allTeams);
  // A teamleider of every team: the whole organisation's dashboard.
  const coordinator = await user('teamleider', `${prefix}-tl-all`, allTeams);

  const batchSize = options.batchSize ?? 500;
  let events = 0;
  let refused = 0;
  let bytes = 0;
  let generateMs = 0;
  let insertMs = 0;
  let done = 0;
  let pending: Promise<void> = Promise.resolve();
  for (let start = 0; start < planned.length; start += batchSize) {
    const generating = Date.now();
    const batch: CaseRecord[] = planned.slice(start, start + batchSize).map((plannedCase) => {
      const generated = generateCase({
        random,
        owner: plannedCase.owner,
        clientNumber: `${prefix}-${String(plannedCase.index + 1).padStart(7, '0')}`,
        displayName: `${FIRST[plannedCase.index % FIRST.length]} ${LAST[Math.floor(random() * LAST.length)]}`,
        settings,
        now,
        historyYears: options.historyYears ?? 3,
        profile: options.profile,
      });
      events += generated.events;
      refused += generated.refused;
      return generated.record;
    });
    if (start === 0) bytes = JSON.stringify(batch).length / batch.length;
    generateMs += Date.now() - generating;
    // Generate the next batch while the database takes this one (one insert in flight).
    await pending;
    pending = (async () => {
      const inserting = Date.now();
      await insertCasesBulk(db, batch);
      insertMs += Date.now() - inserting;
      done += batch.length;
      options.onProgress?.({
        cases: done,
        total: planned.length,
        events,
        elapsedMs: Date.now() - started,
        generateMs,
        insertMs,
      });
    })();
  }
  await pending;
  return {
    orgId: organisation.id,
    teams,
    beleid,
    coordinator,
    cases: planned.length,
    events,
    refused,
    bytes,
    generateMs,
    insertMs,
    elapsedMs: Date.now() - started,
  };
}

/** "12,000 / 100,000 cases · 480,000 events · 1,234 cases/s · ETA 1m 10s" */
export function progressLine(progress: SeedProgress): string {
  const rate = progress.cases / (progress.elapsedMs / 1000 || 1);
  const eta = Math.round((progress.total - progress.cases) / (rate || 1));
  const f = (value: number) => Math.round(value).toLocaleString('en-US');
  return `${f(progress.cases)} / ${f(progress.total)} cases · ${f(progress.events)} events · ${f(rate)} cases/s · ETA ${Math.floor(eta / 60)}m ${eta % 60}s`;
}
