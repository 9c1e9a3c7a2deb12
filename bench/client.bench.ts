/**
 * The client's weight and speed: the gzip size of each route's JavaScript (from the Vite manifest
 * of a fresh production build), and the case file's time to first render on the demo data set in
 * headless Chromium (navigation start → the ladder on screen, logged in, 20 different cases).
 * Run: `npm run bench:client` (embedded engine, or MONGODB_URI). Appends to bench/RESULTS.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { seedDemoData, DEMO_PASSWORD } from '../server/demo/seed-demo';
import { clientDistDir } from '../server/paths';
import { CHROMIUM_PATH, launchBrowser, listen } from '../tests/support/browser';
import { startTestServer } from '../tests/support/test-server';
import { currentCommit, machineLine, startBenchDatabase } from './support';

const ROUTES: Record<string, string> = {
  'login (/ without a session)': 'src/features/login/LoginPage.tsx',
  'Mijn caseload (/)': 'src/features/caseload/CaseloadPage.tsx',
  'Nieuwe zaak (/zaken/nieuw)': 'src/features/caseload/NewCasePage.tsx',
  'dossier (/zaken/:id)': 'src/features/case-file/CaseFilePage.tsx',
};
const RENDERS = 20;

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

const gzipKb = (file: string) =>
  zlib.gzipSync(fs.readFileSync(path.join(clientDistDir, file))).length / 1024;

/** A chunk and every chunk it imports statically. */
function closure(manifest: Record<string, ManifestChunk>, key: string, into = new Set<string>()) {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, into);
  return into;
}

function routeSizes(): string[] {
  execFileSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit' });
  const manifest = JSON.parse(
    fs.readFileSync(path.join(clientDistDir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const entry = closure(manifest, entryKey);
  const sum = (keys: Iterable<string>) =>
    [...keys].reduce((total, key) => total + gzipKb(manifest[key]!.file), 0);
  const rows = [
    '| route | own chunk (kB gz) | loaded for the route beyond the shell (kB gz) | first visit incl. shell (kB gz) |',
    '| --- | --- | --- | --- |',
    `| shell (entry: React, router, session) | ${sum([entryKey]).toFixed(1)} | — | ${sum(entry).toFixed(1)} |`,
  ];
  for (const [route, source] of Object.entries(ROUTES)) {
    const own = closure(manifest, source);
    const beyond = [...own].filter((key) => !entry.has(key));
    rows.push(
      `| ${route} | ${sum([source]).toFixed(1)} | ${sum(beyond).toFixed(1)} | ${(sum(entry) + sum(beyond)).toFixed(1)} |`,
    );
  }
  return rows;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function caseFileRenders(): Promise<{
  times: number[];
  loginTimes: number[];
  api: Record<string, number[]>;
  cases: number;
}> {
  const server = await startTestServer({
    now: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
    config: { cookieSecure: false },
  });
  const http = await listen(server.app as never);
  const browser = await launchBrowser();
  try {
    console.log('Loading the demo data…');
    await seedDemoData(server.context);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const login = await context.request.post(`${http.baseUrl}/api/v1/auth/login`, {
      data: { username: 'demo-begeleider-1', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`demo login answered ${login.status()}`);
    const list = (await (
      await context.request.get(`${http.baseUrl}/api/v1/cases?pageSize=${RENDERS}&sort=deadline`)
    ).json()) as { items: Array<{ id: string }>; total: number };
    const times: number[] = [];
    const loginTimes: number[] = [];
    const api: Record<string, number[]> = {};
    // Baseline: the same shell and assets without a session or data — the login form on screen.
    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    for (let index = 0; index <= RENDERS; index += 1) {
      const page = await anonymous.newPage();
      await page.goto(`${http.baseUrl}/`);
      await page.locator('input[type="password"]').waitFor();
      const ms = (await page.evaluate('performance.now()')) as number;
      if (index > 0) loginTimes.push(ms);
      await page.close();
    }
    await anonymous.close();
    // One warm-up visit so that every measured one finds the assets in the HTTP cache, as a
    // begeleider does from the second case of the day on.
    for (const [index, item] of [list.items[0]!, ...list.items].entries()) {
      const page = await context.newPage();
      await page.goto(`${http.baseUrl}/zaken/${item.id}`);
      await page.locator('.ladder').waitFor();
      const ms = (await page.evaluate('performance.now()')) as number;
      // Where the time goes: each API request's duration as the browser saw it.
      const requests = (await page.evaluate(`performance.getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/api/v1/'))
        .map((entry) => [new URL(entry.name).pathname.replace(/\\/cases\\/[^/]+/, '/cases/:id'), entry.duration])`)) as Array<
        [string, number]
      >;
      if (index > 0) {
        times.push(ms);
        for (const [name, duration] of requests) (api[name] ??= []).push(duration);
      }
      await page.close();
    }
    return { times, loginTimes, api, cases: list.total };
  } finally {
    await browser.close();
    await http.close();
    await server.close();
  }
}

/** The client section of a bench run, on the database the caller has started. */
export async function runClientSuite(): Promise<{ title: string; table: string; notes: string }> {
  const sizes = routeSizes();
  const { times, loginTimes, api, cases } = await caseFileRenders();
  const requests = Object.entries(api)
    .map(
      ([name, durations]) =>
        `\`${name.replace('/api/v1', '')}\` ${percentile(durations, 50).toFixed(0)} ms`,
    )
    .join(', ');
  const median = percentile(times, 50);
  const loginMedian = percentile(loginTimes, 50);
  const renders = [
    '| first render (navigation start → on screen) | median (ms) | p95 (ms) | ÷ login form (median) |',
    '| --- | --- | --- | --- |',
    `| login form, no session (baseline: the same shell and assets) | ${loginMedian.toFixed(0)} | ${percentile(loginTimes, 95).toFixed(0)} | 1.0× |`,
    `| case file \`/zaken/:id\`, logged in, ladder rendered | ${median.toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${(median / loginMedian).toFixed(1)}× |`,
  ];
  return {
    title: 'Client: route sizes and case-file first render',
    table: [...sizes, '', ...renders].join('\n'),
    notes: `Headless ${CHROMIUM_PATH}; a fresh production build; demo data (${cases} cases visible to demo-begeleider-1), ${times.length} different cases, nearest deadline first, assets cached. API requests of the case-file load (median in the browser): ${requests}.`,
  };
}

async function main() {
  const database = await startBenchDatabase();
  try {
    const client = await runClientSuite();
    const report = [
      `## ${client.title} — ${new Date().toISOString().slice(0, 10)}, commit ${currentCommit()}`,
      '',
      `Command: \`npm run bench:client\` · machine: ${machineLine()} · database: ${database.description}.`,
      '',
      client.table,
      '',
      client.notes,
      '',
    ].join('\n');
    console.log(report);
    fs.appendFileSync(path.join(__dirname, 'RESULTS.md'), `\n${report}`);
  } finally {
    await database.stop();
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
