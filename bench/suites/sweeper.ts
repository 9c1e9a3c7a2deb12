import { Types } from 'mongoose';
import { runSweep } from '../../server/sweeper/run-sweep';
import type { Dataset } from '../dataset';

const DAY = 24 * 3600 * 1000;

/**
 * One process sweeps a database where every case's ONT step is past its deadline, against the raw
 * driver reading and updating the same documents with the sweeper's parallelism (4).
 */
export async function runSweeper(dataset: Dataset, now: Date) {
  const at = new Date(now.getTime() + 40 * DAY);
  const ids = (await dataset.cases.find({}, { projection: { _id: 1 } }).toArray()).map(
    (doc) => doc._id,
  );
  let started = Date.now();
  const result = await runSweep(dataset.server.context, at);
  const sweepMs = Date.now() - started;
  started = Date.now();
  for (let index = 0; index < ids.length; index += 4) {
    await Promise.all(
      ids.slice(index, index + 4).map(async (_id) => {
        const doc = await dataset.cases.findOne({ _id: new Types.ObjectId(String(_id)) });
        await dataset.cases.updateOne(
          { _id: doc!._id },
          { $set: { 'openTrajectory.sweepDueAt': null, version: (doc!.version as number) + 1 } },
        );
      }),
    );
  }
  const floorMs = Date.now() - started;
  return { ...result, sweepMs, floorMs, cases: ids.length };
}
