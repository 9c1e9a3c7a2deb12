/**
 * A teamleider's overview in Chromium against the real server: an overdue step is extended from
 * the list and leaves the overdue group; a future peildatum shows a deadline not yet near today;
 * a bulk reassign of three cases moves exactly those three; the forecast shows the weeks. Every
 * page is checked with axe-core and photographed into the git-ignored folder.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays, localDateOf } from '../../machines';
import { clientDistDir } from '../../server/paths';
import { bearer, createTestUser } from '../support/auth';
import {
  browserAvailability,
  launchBrowser,
  listen,
  screenshot,
  seriousAxeViolations,
} from '../support/browser';
import {
  browserTestNow,
  createCaseworkTeam,
  daysAgo,
  loginInBrowser,
  tabTo,
  trajectoryViaApi,
} from '../support/e2e';
import {
  createCaseViaApi,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import request from 'supertest';

const availability = browserAvailability();
const describeInBrowser = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);

describeInBrowser('a teamleider in the browser', () => {
  let server: TestServer | undefined;
  let http: { baseUrl: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let team: TestTeam;

  /** A case on trede 1 with an Ontwikkeltraject step started `startedDaysAgo` (6-month limit). */
  async function stepStarted(displayName: string, startedDaysAgo: number) {
    const created = await createCaseViaApi(server!, team, {
      displayName,
      trede: 1,
      assessedAt: daysAgo(startedDaysAgo + 20),
    });
    const trajectory = await createTrajectoryViaApi(server!, team.begeleider.token, created.id, {
      product: 'ONT',
      registeredAt: daysAgo(startedDaysAgo + 10),
    });
    const started = await sendEvent(server!, team.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: daysAgo(startedDaysAgo),
      expectedVersion: trajectory.version,
    });
    if (started.status !== 200) throw new Error(`START answered ${started.status}`);
    return { caseId: created.id, trajectoryId: trajectory.id };
  }

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

  async function loggedInPage(): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'nl-NL',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${http!.baseUrl}/team`);
    await loginInBrowser(page, team.teamleider.user.username);
    await page.getByRole('heading', { name: 'Teamoverzicht' }).waitFor();
    return { page, errors, close: () => context.close() };
  }

  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, name);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  it('extends an overdue step from the list, and it leaves the overdue group', async () => {
    // Started 190 days ago: the 6-month window has run out; +3 months puts it ~2 months ahead.
    const { trajectoryId } = await stepStarted('Fictief, Otto', 190);
    const { page, errors, close } = await loggedInPage();
    const overdue = page.locator('section[aria-labelledby="groep-DEADLINE_PASSED"]');
    await overdue.getByRole('link', { name: 'Fictief, Otto' }).waitFor();
    await expectAccessible(page, 'team-overview');
    await overdue.getByRole('button', { name: 'Termijn verlengen voor Fictief, Otto' }).click();
    const form = page.getByRole('form', { name: 'Termijn verlengen voor Fictief, Otto' });
    await form.getByLabel('Verlengen met').selectOption('3');
    await form.getByLabel('Reden').fill('Stage loopt nog twee maanden');
    await form.getByRole('button', { name: 'Verlenging opslaan' }).click();
    await page.getByText('Fictief, Otto: gelukt').waitFor();
    await page.getByRole('heading', { name: /Vastgelopen trajecten/ }).waitFor();
    expect(await overdue.getByRole('link', { name: 'Fictief, Otto' }).count()).toBe(0);
    const after = await trajectoryViaApi(server!, team.teamleider.token, trajectoryId);
    expect(after.state).toBe('active');
    expect(after.history.at(-1)).toMatchObject({
      type: 'EXTEND',
      payload: { months: 3, reason: 'Stage loopt nog twee maanden' },
      actorId: team.teamleider.user.id,
    });
    expect(errors).toEqual([]);
    await close();
  });

  it('a future peildatum shows a deadline that is not yet near today', async () => {
    // Started 130 days ago: the last day is ~53 days ahead, beyond the 28 days of DEADLINE_NEAR.
    await stepStarted('Fictief, Petra', 130);
    const { page, close } = await loggedInPage();
    await page.getByRole('heading', { name: /Vastgelopen trajecten/ }).waitFor();
    const near = page.locator('section[aria-labelledby="groep-DEADLINE_NEAR"]');
    expect(await near.getByRole('link', { name: 'Fictief, Petra' }).count()).toBe(0);
    const future = addCalendarDays(localDateOf(new Date().toISOString()), 40);
    const [year, month, day] = future.split('-');
    await page.getByLabel('Peildatum', { exact: true }).fill(`${day}-${month}-${year}`);
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.getByText(`Projectie op ${day}-${month}-${year}`).waitFor();
    expect(page.url()).toContain(`peildatum=${future}`);
    await near.getByRole('link', { name: 'Fictief, Petra' }).waitFor();
    await expectAccessible(page, 'team-overview-future');
    await close();
  });

  it('bulk reassign of three cases moves exactly those three', async () => {
    const other = await createTestUser(server!, {
      role: 'begeleider',
      teamIds: [team.team.id],
      orgId: team.team.orgId,
      displayName: 'Collega, Bea',
    });
    const cases = [];
    for (const name of ['Fictief, Quinn', 'Fictief, Rosa', 'Fictief, Sam', 'Fictief, Tijn'])
      cases.push({ name, ...(await stepStarted(name, 60)) }); // no activity for 60 days
    const { page, close } = await loggedInPage();
    const stalled = page.locator('section[aria-labelledby="groep-NO_ACTIVITY"]');
    await stalled.getByRole('link', { name: 'Fictief, Tijn' }).waitFor();
    // The CSV holds exactly the rows on screen: one per (group, trajectory), Dutch Excel style.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV (wat hier staat)' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    const shownRows = await page.locator('section[aria-labelledby^="groep-"] tbody tr').count();
    expect(lines.length).toBe(1 + shownRows);
    expect(lines[0]!.split(';')[0]).toBe('Groep');
    expect(lines.filter((line) => line.startsWith('Geen activiteit;')).length).toBe(
      await stalled.locator('tbody tr').count(),
    );
    // Keyboard only: Tab to each checkbox and press Space, then to the select and the button.
    for (const { name } of cases.slice(0, 3)) {
      await tabTo(page, `Selecteer ${name}`);
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'Toewijzen aan');
    await page.getByLabel('Toewijzen aan').selectOption({ label: 'Collega, Bea' });
    await tabTo(page, 'Geselecteerde toewijzen (3)');
    await page.keyboard.press('Enter');
    for (const { name } of cases.slice(0, 3)) await page.getByText(`${name}: gelukt`).waitFor();
    await expectAccessible(page, 'team-overview-bulk');
    for (const [index, { caseId }] of cases.entries()) {
      const response = await request(server!.app)
        .get(`/api/v1/cases/${caseId}`)
        .set(bearer(team.teamleider.token));
      expect(response.body.begeleiderId).toBe(index < 3 ? other.user.id : team.begeleider.user.id);
    }
    await page.getByRole('link', { name: 'Termijnprognose' }).click();
    await page.getByRole('heading', { name: 'Termijnprognose' }).waitFor();
    await page.getByRole('table', { name: /hele selectie/ }).waitFor();
    await expectAccessible(page, 'forecast');
    await close();
  });
});
