import { Types } from 'mongoose';
import { runSweep } from '../../server/sweeper/run-sweep';
import type { Dataset } from '../dataset';

/**
 * One process sweeps the generated organisation at the instant by which its first `due` deadlines
 * have passed (realistic: the ONT steps, reviews and HER years that run out first), against the raw
 * driver reading and updating the same cases by `_id` with the sweeper's parallelism (4). Run it
 * last: it moves the data on.
 */
export async function runSweeper(dataset: Dataset, due: number) {
  const scheduled = (
    await dataset.summaries
      .find(
        { orgId: dataset.seeded.orgId, sweepDueAt: { $ne: null } },
        { projection: { _id: 1, sweepDueAt: 1 } },
      )
      .toArray()
  ).sort((a, b) => (a.sweepDueAt as Date).getTime() - (b.sweepDueAt as Date).getTime());
  if (!scheduled.length) throw new Error('no trajectory with a deadline to sweep');
  const at = scheduled[Math.min(due, scheduled.length) - 1]!.sweepDueAt as Date;
  const ids = scheduled
    .filter((summary) => (summary.sweepDueAt as Date).getTime() <= at.getTime())
    .map((summary) => summary._id as Types.ObjectId);
  let started = Date.now();
  const result = await runSweep(dataset.server.context, at);
  const sweepMs = Date.now() - started;
  started = Date.now();
  for (let index = 0; index < ids.length; index += 4) {
    await Promise.all(
      ids.slice(index, index + 4).map(async (_id) => {
        const doc = await dataset.cases.findOne({ _id });
        await dataset.cases.updateOne(
          { _id },
          { $set: { updatedAt: at, version: (doc!.version as number) + 1 } },
        );
      }),
    );
  }
  const floorMs = Date.now() - started;
  return { ...result, at, sweepMs, floorMs, cases: ids.length };
}
