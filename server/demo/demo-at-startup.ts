import type { AppContext } from '../app-context';
import { findFirstOrganisation } from '../organisations/organisation.repository';
import { demoLoginBox, demoLogins, seedDemoData } from './seed-demo';

/**
 * Demo data (issue 4, item 7; SPEC §5 TREDE_DEMO): on an empty embedded database unless
 * TREDE_DEMO=false; on MONGODB_URI only with `--demo`. Never into a database that holds an
 * organisation already. The logins are printed at every start while the demo organisation exists.
 */
export async function prepareDemoData(context: AppContext, options: { embedded: boolean }): Promise<void> {
  const wanted = context.config.forceDemo || (options.embedded && context.config.demo);
  if (wanted) {
    if ((await findFirstOrganisation(context.db)) === null) {
      console.log('Loading demo data (an empty database)…');
      await seedDemoData(context);
    } else if (context.config.forceDemo) {
      console.log('--demo: the database is not empty, so no demo data was added.');
    }
  }
  const logins = await demoLogins(context);
  if (logins) console.log(demoLoginBox(logins));
}
