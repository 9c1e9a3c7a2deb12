/**
 * Two people on one trajectory, and a session that ends mid-work: the second save sees the
 * conflict message (409) with what changed; a 401 returns to the same page after logging in.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { clientDistDir } from '../../server/paths';
import {
  browserAvailability,
  launchBrowser,
  listen,
  screenshot,
  seriousAxeViolations,
} from '../support/browser';
import {
  browserTestNow,
  caseWithRunningStep,
  createCaseworkTeam,
  loginInBrowser,
  trajectoryViaApi,
} from '../support/e2e';
import type { TestTeam } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

const availability = browserAvailability();
const describeInBrowser = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);

describeInBrowser('sessions in the browser', () => {
  let server: TestServer | undefined;
  let http: { baseUrl: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let team: TestTeam;

  beforeAll(async () => {
    if (!fs.existsSync(`${clientDistDir}/index.html`))
      throw new Error('client not built: `npm test` runs `npm run build:client` first');
    server = await startTestServer({ now: browserTestNow(), config: { cookieSecure: false } });
    http = await listen(server.app as never);
    browser = await launchBrowser();
    team = await createCaseworkTeam(server, 'Team West');
  });
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await server?.close();
  });

  async function openCase(username: string, caseId: string) {
    const context = await browser!.newContext({
      viewport: { width: 1024, height: 768 },
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    await page.goto(`${http!.baseUrl}/zaken/${caseId}`);
    await loginInBrowser(page, username);
    return { context, page };
  }

  async function recordContact(page: Page, note: string) {
    await page.getByRole('button', { name: 'Contact vastleggen' }).click();
    await page.getByLabel('Verslag').fill(note);
    await page.getByRole('button', { name: 'Opslaan' }).click();
  }

  it('tells the second of two sessions that someone else changed the trajectory, and what', async () => {
    const { caseId, trajectoryId } = await caseWithRunningStep(server!, team, {
      clientNumber: 'E2E-0101',
      displayName: 'Fictief, Dirk',
    });
    const first = await openCase(team.begeleider.user.username, caseId);
    const second = await openCase(team.teamleider.user.username, caseId);
    await first.page.getByRole('heading', { name: 'Fictief, Dirk' }).waitFor();
    await second.page.getByRole('heading', { name: 'Fictief, Dirk' }).waitFor();

    await recordContact(first.page, 'Eerste gesprek');
    await first.page.getByText('Opgeslagen.').waitFor();
    await recordContact(second.page, 'Tweede gesprek, tegelijk');

    const warning = second.page
      .getByRole('alert')
      .filter({ hasText: 'Iemand anders heeft deze zaak intussen gewijzigd' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('nieuw vastgelegd: Contact');
    await screenshot(second.page, 'conflict');
    expect(await seriousAxeViolations(second.page)).toEqual([]);
    let trajectory = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    expect(trajectory.history.filter((entry) => entry.type === 'RECORD_CONTACT')).toHaveLength(1);

    // The form kept its text; saving again on the reloaded version succeeds.
    expect(await second.page.getByLabel('Verslag').inputValue()).toBe('Tweede gesprek, tegelijk');
    await second.page.getByRole('button', { name: 'Opslaan' }).click();
    await second.page.getByText('Opgeslagen.').waitFor();
    trajectory = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    expect(
      trajectory.history
        .filter((entry) => entry.type === 'RECORD_CONTACT')
        .map((entry) => entry.payload.note),
    ).toEqual(['Eerste gesprek', 'Tweede gesprek, tegelijk']);
    await first.context.close();
    await second.context.close();
  });

  it('returns to the page the user was on after a 401 and a new login', async () => {
    const { caseId, trajectoryId } = await caseWithRunningStep(server!, team, {
      clientNumber: 'E2E-0102',
      displayName: 'Fictief, Eva',
    });
    const { context, page } = await openCase(team.begeleider.user.username, caseId);
    await page.getByRole('heading', { name: 'Fictief, Eva' }).waitFor();

    await context.clearCookies(); // the session ends (expired, or logged out elsewhere)
    await recordContact(page, 'Na het verlopen van de sessie');
    await page.getByText('Je sessie is verlopen').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/zaken/${caseId}`);
    await screenshot(page, 'session-expired');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await loginInBrowser(page, team.begeleider.user.username);
    await page.getByRole('heading', { name: 'Fictief, Eva' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/zaken/${caseId}`);
    const trajectory = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    expect(trajectory.history.some((entry) => entry.type === 'RECORD_CONTACT')).toBe(false);
    await context.close();
  });
});
