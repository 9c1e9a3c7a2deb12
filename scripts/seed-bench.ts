/**
 * `npm run seed:bench -- --cases N --seed S`: loads a synthetic organisation (bench-data/) into the
 * app's database — MONGODB_URI, or the embedded engine in TREDE_DATA_DIR — with a progress line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { connectDatabase } from '../server/db/connection';
import { startEmbeddedDatabase } from '../server/db/embedded';
import {
  BENCH_PASSWORD,
  progressLine,
  seedBenchOrganisation,
} from './bench-data/seed-organisation';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      years: { type: 'string', default: '3' },
    },
  });
  const cases = Number(values.cases);
  const seed = Number(values.seed);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed))
    throw new Error('--cases must be a positive integer and --seed an integer');
  const config = loadConfig(process.env, []);
  const embedded = config.mongodbUri
    ? undefined
    : await startEmbeddedDatabase({
        dataDir: config.dataDir,
        port: config.embeddedDbPort,
        toolsDir: config.toolsDir,
        dbName: 'trede',
        mongodBin: config.mongodBin,
        ferretdbBin: config.ferretdbBin,
        log: (line) => console.log(line),
      });
  const db = await connectDatabase(config.mongodbUri ?? embedded!.uri);
  try {
    const seeded = await seedBenchOrganisation(db, {
      cases,
      seed,
      historyYears: Number(values.years),
      onProgress: (progress) => process.stdout.write(`\r${progressLine(progress)}   `),
    });
    process.stdout.write('\n');
    console.log(
      `${seeded.cases} cases (${seeded.events} engine events, ${seeded.refused} refused and not recorded) in ${(seeded.elapsedMs / 1000).toFixed(1)} s: generating ${(seeded.generateMs / 1000).toFixed(1)} s, inserting ${(seeded.insertMs / 1000).toFixed(1)} s; ~${Math.round(seeded.bytes / 1024)} KiB per case as JSON.`,
    );
    console.log(
      `${seeded.teams.length} teams; log in as ${seeded.teams[0]!.teamleider.username} (teamleider) or ${seeded.beleid.username} (beleid), password ${BENCH_PASSWORD}.`,
    );
  } finally {
    await db.close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
