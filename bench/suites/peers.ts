import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Issue 13's peers, measured in the same run as Trede: Camunda 7.24 and Flowable 7.2 complete the
 * contact task of an Ontwikkeltraject step (a contact loop inside a six-month timer scope, history
 * level full, an H2 file database, in-process calls), with 1 and 8 caller threads. Three variants
 * per engine: H2 writing every commit at once (the "equal durability") with the contact's
 * data as task variables (what Trede's event records) and without any (the least an event can
 * write), and H2's default write delay with the data (to set beside the issue's own figures).
 * The Java harness is bench/peers (Maven, Java 17).
 */
export interface PeerRow {
  engine: string;
  durability: Durability;
  variables: Variables;
  threads: number;
  events: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

export type Durability = 'at-once' | 'delayed';
export type Variables = 'contact' | 'none';

const PEERS_DIR = path.resolve(__dirname, '..', 'peers');
const ENGINES = [
  { module: 'camunda', mainClass: 'trede.peers.camunda.CamundaPeer' },
  { module: 'flowable', mainClass: 'trede.peers.flowable.FlowablePeer' },
];
const VARIANTS: Array<{ durability: Durability; variables: Variables }> = [
  { durability: 'at-once', variables: 'contact' },
  { durability: 'at-once', variables: 'none' },
  { durability: 'delayed', variables: 'contact' },
];

/** Why the peers cannot run on this machine, or null when Java 17+ and Maven are there. */
export function peersUnavailable(): string | null {
  for (const [command, args] of [
    ['java', ['-version']],
    ['mvn', ['-v']],
  ] as const) {
    try {
      execFileSync(command, args, { stdio: 'ignore' });
    } catch {
      return `\`${command}\` is not on PATH (the peers need Java 17 and Maven)`;
    }
  }
  return null;
}

/** Builds the harness (Maven resolves the engines from Maven Central the first time). */
function build(): void {
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(PEERS_DIR, 'pom.xml'),
      'package',
      'dependency:build-classpath',
      '-Dmdep.outputFile=classpath.txt',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

function runEngine(
  engine: (typeof ENGINES)[number],
  { durability, variables }: (typeof VARIANTS)[number],
  options: { levels: Array<{ threads: number; events: number }>; warmUp: number },
): Promise<PeerRow[]> {
  const moduleDir = path.join(PEERS_DIR, engine.module);
  const classPath = [
    path.join(moduleDir, 'target', `${engine.module}-1.jar`),
    fs.readFileSync(path.join(moduleDir, 'classpath.txt'), 'utf8').trim(),
  ].join(path.delimiter);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trede-peer-${engine.module}-`));
  const args = [
    '-cp',
    classPath,
    engine.mainClass,
    '--dir',
    dir,
    '--durability',
    durability,
    '--variables',
    variables,
    '--levels',
    options.levels.map((level) => `${level.threads}:${level.events}`).join(','),
    '--warm-up',
    String(options.warmUp),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (code !== 0)
        return reject(
          new Error(`${engine.module} (${durability}, ${variables}) exited ${code}: ${err.trim()}`),
        );
      resolve(
        out
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as PeerRow),
      );
    });
  });
}

export async function runPeers(options: {
  levels: Array<{ threads: number; events: number }>;
  warmUp: number;
}): Promise<PeerRow[]> {
  build();
  const rows: PeerRow[] = [];
  for (const variant of VARIANTS)
    for (const engine of ENGINES) {
      const measured = await runEngine(engine, variant, options);
      for (const row of measured)
        console.log(
          `  ${row.engine} (${row.durability}, variables: ${row.variables}) × ${row.threads}: ${row.perSecond.toFixed(0)}/s p50 ${row.p50.toFixed(2)} ms`,
        );
      rows.push(...measured);
    }
  return rows;
}
