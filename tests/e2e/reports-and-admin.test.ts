/**
 * The policy advisor's reports and the administrator's console in Chromium against the real
 * server: the tiles show the numbers GET /reports/indicators returns, the transitions CSV reads
 * as Dutch Excel reads it; a beheerder creates a user who can then log in, and a changed
 * threshold changes the teamleider's overview. axe-core on every page, screenshots saved.
 */
import fs from 'node:fs';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { clientDistDir } from '../../server/paths';
import { bearer, createTestUser, TEST_PASSWORD } from '../support/auth';
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
  trajectoryViaApi,
} from '../support/e2e';
import { sendEvent, type TestTeam } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

const availability = browserAvailability();
const describeInBrowser = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);

describeInBrowser('beleid and beheer in the browser', () => {
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
    team = await createCaseworkTeam(server, 'Team Zuid');
  });
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await server?.close();
  });

  async function pageAs(username: string, path: string, password = TEST_PASSWORD) {
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'nl-NL',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${http!.baseUrl}${path}`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    return { page, errors, close: () => context.close() };
  }

  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, name);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  it('a beleid user sees tiles with the API’s numbers and downloads a CSV Dutch Excel can read', async () => {
    // Two steps up (1→2) this year, so the tiles are not all zero.
    for (const name of ['Fictief, Anna', 'Fictief, Bram']) {
      const { trajectoryId } = await caseWithRunningStep(server!, team, {
        clientNumber: `R-${name.slice(-4)}`,
        displayName: name,
      });
      const current = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
      const assessed = await sendEvent(server!, team.begeleider.token, trajectoryId, {
        type: 'ASSESS_TREDE',
        trede: 2,
        occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
        expectedVersion: current.version,
      });
      expect(assessed.status).toBe(200);
    }
    const beleid = await createTestUser(server!, { role: 'beleid', orgId: team.team.orgId });
    const { page, errors, close } = await pageAs(beleid.user.username, '/');
    await page.getByRole('heading', { name: 'Rapportages' }).waitFor();
    await page.getByRole('heading', { name: 'Indicatoren' }).waitFor();
    const year = new Date().toISOString().slice(0, 4);
    const today = new Date(Date.now() + 3600_000).toISOString().slice(0, 10);
    const api = await request(server!.app)
      .get(`/api/v1/reports/indicators?from=${year}-01-01&to=${today}`)
      .set(bearer(beleid.token));
    expect(api.status).toBe(200);
    const tile = (key: string) =>
      page.locator(`[data-indicator="${key}"] .tile__number`).textContent();
    expect(await tile('steps.transitions')).toBe(String(api.body.steps.transitions));
    expect(api.body.steps.transitions).toBe(2);
    expect(await tile('steps.clients')).toBe(String(api.body.steps.clients));
    expect(await tile('trajectories.started')).toBe(String(api.body.trajectories.started));
    // The definition is one click away.
    const toggle = page.locator('[data-indicator="steps.transitions"] button');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByText(/tredeovergangen naar een hogere trede/).waitFor();
    // The matrix table holds the same count: row 1, column "naar 2".
    const matrix = page.getByRole('table', { name: /Tredeovergangen in de periode/ });
    const row = matrix.getByRole('row', { name: /^1 / });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('2');
    await expectAccessible(page, 'reports');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tredeovergangen (CSV)' }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path())!);
    // Dutch Excel: a UTF-8 BOM, then rows split on CRLF and fields on `;`.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => line.split(';'));
    expect(rows.length).toBe(1 + 2); // the header and the two steps (an intake has no from)
    expect(rows.every((fields) => fields.length === rows[0]!.length)).toBe(true);
    expect(rows.map((fields) => fields.join(';')).join('\n')).not.toContain('Fictief');
    expect(errors).toEqual([]);
    await close();
  });

  it('a beheerder creates a user who can log in, and a threshold change changes the overview', async () => {
    const admin = await createTestUser(server!, { role: 'beheerder', orgId: team.team.orgId });
    // Started 40 days ago, no activity since: not NO_ACTIVITY at 42 days, it is at 30.
    await caseWithRunningStep(server!, team, {
      clientNumber: 'R-0003',
      displayName: 'Fictief, Cor',
    });
    const { page, errors, close } = await pageAs(admin.user.username, '/beheer/gebruikers');
    await page.getByRole('heading', { name: 'Beheer' }).waitFor();
    const form = page.getByRole('form', { name: 'Nieuwe gebruiker' });
    await form.getByLabel('Gebruikersnaam').fill('nieuwe.collega');
    await form.getByLabel('Naam', { exact: true }).fill('Nieuw, Collega');
    await form.getByLabel('Rol').selectOption('begeleider');
    await form.getByRole('checkbox', { name: 'Team Zuid' }).check();
    await form.getByLabel('Wachtwoord', { exact: true }).fill('een-lang-wachtwoord');
    await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.getByText('Gebruiker nieuwe.collega is aangemaakt.').waitFor();
    await page.getByRole('rowheader', { name: 'Nieuw, Collega' }).waitFor();
    await expectAccessible(page, 'admin-users');

    const newcomer = await pageAs('nieuwe.collega', '/', 'een-lang-wachtwoord');
    await newcomer.page.getByRole('heading', { name: 'Mijn caseload' }).waitFor();
    await newcomer.close();

    const lead = await pageAs(team.teamleider.user.username, '/team?signaal=NO_ACTIVITY');
    await lead.page.getByRole('heading', { name: /Vastgelopen trajecten/ }).waitFor();
    expect(await lead.page.getByRole('link', { name: 'Fictief, Cor' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByLabel('Geen activiteit: na dagen').fill('30');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await page.getByText('De instellingen zijn opgeslagen.').waitFor();
    await expectAccessible(page, 'admin-settings');

    await lead.page.reload();
    await lead.page.getByRole('link', { name: 'Fictief, Cor' }).waitFor();
    await lead.close();

    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { name: 'Teams', level: 2 }).waitFor();
    await expectAccessible(page, 'admin-teams');
    await page.getByRole('link', { name: 'Opdrachtgevers' }).click();
    await page.getByRole('heading', { name: 'Opdrachtgevers en hun catalogus' }).waitFor();
    await expectAccessible(page, 'admin-opdrachtgevers');
    await page.getByRole('link', { name: 'Auditlog' }).click();
    await page.getByRole('columnheader', { name: 'Wanneer' }).waitFor();
    await page.getByRole('cell', { name: 'user.create' }).first().waitFor();
    await page.getByLabel('Wie').selectOption({ label: 'Test beheerder' });
    await page.getByRole('cell', { name: 'settings.update' }).first().waitFor();
    expect(page.url()).toContain('wie=');
    // The category filter goes to the API (GET /audit?category=): reads leave, changes stay.
    await page.getByLabel('Soort').selectOption({ label: 'Wijzigingen' });
    await page.waitForURL(/soort=change/);
    await page.getByRole('cell', { name: 'settings.update' }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'case.read' }).count()).toBe(0);
    await expectAccessible(page, 'admin-audit');
    expect(errors).toEqual([]);
    await close();
  });
});
