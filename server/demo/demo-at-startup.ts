import type { AppContext } from '../app-context';
import { findFirstOrganisation } from '../organisations/organisation.repository';
import { demoLoginBox, demoLogins, seedDemoData } from './seed-demo';

/**
 * Demo data (issue 4, item 7; SPEC §5 TREDE_DEMO): on an empty embedded database unless
 * TREDE_DEMO=false; on MONGODB_URI only with `--demo`. Never into a database that holds an
 * organisation already. The logins are printed at every start while the demo organisation exists.
 */
export async function prepareDemoData(
  context: AppContext,
  options: { embedded: boolean },
): Promise<void> {
  const wanted = context.config.forceDemo || (options.embedded && context.config.demo);
  if (wanted) {
    if ((await findFirstOrganisation(context.db)) === null) {
      // Every demo event goes through the engine and the real write path; on FerretDB each write
      // scans the collection, so this takes a while once. Show that it is moving.
      console.log('Loading demo data into the empty database (once, under a minute)…');
      let reported = 0;
      await seedDemoData(context, {
        onProgress: (done, total) => {
          if (done - reported >= 40 || done === total) {
            reported = done;
            console.log(`  demo cases: ${done}/${total}`);
          }
        },
      });
    } else if (context.config.forceDemo) {
      console.log('--demo: the database is not empty, so no demo data was added.');
    }
  }
  const logins = await demoLogins(context);
  if (logins) console.log(demoLoginBox(logins));
}
