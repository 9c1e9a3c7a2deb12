/**
 * A begeleider's day in Chromium against the real server on the embedded database: log in, find a
 * case by search, record a contact, assess a trede that achieves the step, start the next step —
 * by mouse and by keyboard only — and the API then holds exactly those events. Every page is
 * checked with axe-core (WCAG 2.1 A/AA) and photographed into a git-ignored folder.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { clientDistDir } from '../../server/paths';
import {
  browserAvailability,
  launchBrowser,
  listen,
  screenshot,
  seriousAxeViolations,
} from '../support/browser';
import {
  TEST_PASSWORD,
  browserTestNow,
  caseWithRunningStep,
  createCaseworkTeam,
  loginInBrowser,
  tabTo,
  trajectoryViaApi,
} from '../support/e2e';
import type { TestTeam } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

const availability = browserAvailability();
const describeInBrowser = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);

describeInBrowser('a begeleider in the browser', () => {
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
    team = await createCaseworkTeam(server, 'Team Oost');
  });
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await server?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, errors };
  }

  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, name);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  it('records a contact, an assessment that achieves the step and the next step; the API shows exactly those', async () => {
    const { trajectoryId } = await caseWithRunningStep(server!, team, {
      clientNumber: 'E2E-0001',
      displayName: 'Fictief, Anna',
    });
    await caseWithRunningStep(server!, team, {
      clientNumber: 'E2E-0002',
      displayName: 'Fictief, Bram',
    });
    const before = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    const { context, page, errors } = await newPage();

    await page.goto(`${http!.baseUrl}/`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page, 'login');
    await loginInBrowser(page, team.begeleider.user.username);

    await page.getByRole('heading', { name: 'Mijn caseload' }).waitFor();
    await page.getByText('2 zaken').waitFor();
    await expectAccessible(page, 'caseload');
    await page.getByLabel('Zoek op naam of cliëntnummer').fill('Anna');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('1 zaak', { exact: true }).waitFor();
    expect(page.url()).toContain('q=Anna'); // the filter is in the URL
    await page.getByRole('link', { name: 'Fictief, Anna' }).click();

    await page.getByRole('heading', { name: 'Fictief, Anna' }).waitFor();
    await page.getByRole('button', { name: 'Contact vastleggen' }).click();
    await page.getByLabel('Verslag').fill('Telefonisch gesproken over vrijwilligerswerk');
    await page.getByLabel('Duur in minuten (optioneel)').fill('20');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();

    await page.getByRole('button', { name: 'Trede meten' }).click();
    await page.getByLabel('Gemeten trede').selectOption('2');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    await page.getByText('Stap behaald', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Volgende stap starten' }).click();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    await page.getByText(/Hoe werkt dit traject/).click(); // opens the machine diagram
    await expectAccessible(page, 'case-file');
    await page.setViewportSize({ width: 768, height: 1024 }); // a tablet, upright
    await expectAccessible(page, 'case-file-tablet');
    await page.setViewportSize({ width: 1280, height: 720 });

    const after = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    const added = after.history.slice(before.history.length);
    expect(added.map((entry) => entry.type)).toEqual([
      'RECORD_CONTACT',
      'ASSESS_TREDE',
      'NEXT_STEP',
    ]);
    expect(added[0]!.payload).toMatchObject({
      note: 'Telefonisch gesproken over vrijwilligerswerk',
      minutes: 20,
    });
    expect(added[1]!.payload).toMatchObject({ trede: 2 });
    expect(added.every((entry) => entry.actorId === team.begeleider.user.id)).toBe(true);
    expect(after).toMatchObject({ state: 'active', targetTrede: 3 });

    await page.getByRole('link', { name: 'Nieuwe zaak' }).click();
    await page.getByRole('heading', { name: 'Nieuwe zaak registreren' }).waitFor();
    await expectAccessible(page, 'new-case');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('registers a new case in three steps (BSN checked with the elfproef) and starts its first trajectory', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${http!.baseUrl}/zaken/nieuw`);
    await loginInBrowser(page, team.begeleider.user.username);
    await page.getByRole('heading', { name: 'Nieuwe zaak registreren' }).waitFor();
    await page.getByLabel('Cliëntnummer').fill('E2E-0200');
    await page.getByLabel('Naam').fill('Fictief, Fenna');
    await page.getByLabel('BSN (optioneel)').fill('111222334');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Dit BSN klopt niet').waitFor();
    await page.getByLabel('BSN (optioneel)').fill('111222333');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByLabel('Trede bij intake').selectOption('3');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Stap 3 van 3: Controleren').waitFor();
    await expectAccessible(page, 'new-case-check');
    await page.getByRole('button', { name: 'Zaak registreren' }).click();

    await page.getByRole('heading', { name: 'Fictief, Fenna' }).waitFor();
    expect(await page.getByText('*****2333').count()).toBe(1); // the BSN only masked
    // Trede 3 with the default catalogue: an Ontwikkeltraject to 4, Stabiel op trede 3, Herontdekken.
    const products = await page
      .getByRole('radio')
      .evaluateAll((radios) => radios.map((radio) => (radio as { value: string }).value));
    expect(products).toEqual(['ONT', 'STA-3', 'HER']);
    await page.getByRole('radio', { name: 'Stabiel op trede 3' }).check();
    await page.getByRole('button', { name: 'Traject aanmelden' }).click();
    await page.getByRole('heading', { name: 'Open traject: Stabiel op trede 3' }).waitFor();
    await page.getByRole('button', { name: 'Traject starten' }).click();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    await page.getByText('Actief', { exact: true }).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does the same journey by keyboard only', async () => {
    const { trajectoryId } = await caseWithRunningStep(server!, team, {
      clientNumber: 'E2E-0003',
      displayName: 'Fictief, Cas',
    });
    const before = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    const { context, page, errors } = await newPage();
    const saved = () => page.getByText('Opgeslagen.').waitFor();

    await page.goto(`${http!.baseUrl}/`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await tabTo(page, 'Gebruikersnaam');
    await page.keyboard.type(team.begeleider.user.username);
    await tabTo(page, 'Wachtwoord');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Mijn caseload' }).waitFor();
    await tabTo(page, 'Zoek op naam of cliëntnummer');
    await page.keyboard.type('E2E-0003');
    await page.keyboard.press('Enter');
    await page.getByText('1 zaak', { exact: true }).waitFor();
    await tabTo(page, 'Fictief, Cas');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Fictief, Cas' }).waitFor();
    await tabTo(page, 'Contact vastleggen');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Verslag');
    await page.keyboard.type('Huisbezoek, afspraken gemaakt');
    await tabTo(page, 'Opslaan');
    await page.keyboard.press('Enter');
    await saved();

    await tabTo(page, 'Trede meten');
    await page.keyboard.press('Space');
    await tabTo(page, 'Gemeten trede');
    await page.keyboard.press('ArrowDown'); // Kies… → 1
    await page.keyboard.press('ArrowDown'); // → 2
    await tabTo(page, 'Opslaan');
    await page.keyboard.press('Enter');
    await saved();

    await tabTo(page, 'Volgende stap starten');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Opslaan');
    await page.keyboard.press('Enter');
    await saved();

    const after = await trajectoryViaApi(server!, team.begeleider.token, trajectoryId);
    expect(after.history.slice(before.history.length).map((entry) => entry.type)).toEqual([
      'RECORD_CONTACT',
      'ASSESS_TREDE',
      'NEXT_STEP',
    ]);
    expect(after.history.find((entry) => entry.type === 'ASSESS_TREDE')?.payload).toMatchObject({
      trede: 2,
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
