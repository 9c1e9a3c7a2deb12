/**
 * A begeleider's day in Chromium against the real server on the embedded database: log in, find a
 * case by search, record a contact, assess a trede that achieves the step, start the next step —
 * by mouse and by keyboard only — and the API then holds exactly those events. Every page is
 * checked with axe-core (WCAG 2.1 A/AA) and photographed into a git-ignored folder.
 */
import {
  TEST_PASSWORD,
  caseWithRunningStep,
  loginInBrowser,
  tabTo,
  trajectoryViaApi,
} from '../support/e2e';
import { describeInBrowser, setUpBrowserHarness } from '../support/browser-harness';

describeInBrowser('a begeleider in the browser', () => {
  const harness = setUpBrowserHarness({ teamName: 'Team Oost' });
  const { newPage, expectAccessible } = harness;

  it('records a contact, an assessment that achieves the step and the next step; the API shows exactly those', async () => {
    const { trajectoryId } = await caseWithRunningStep(harness.server, harness.team, {
      clientNumber: 'E2E-0001',
      displayName: 'Fictief, Anna',
    });
    await caseWithRunningStep(harness.server, harness.team, {
      clientNumber: 'E2E-0002',
      displayName: 'Fictief, Bram',
    });
    const before = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
    const { context, page, errors } = await newPage();

    await page.goto(`${harness.baseUrl}/`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page, 'login');
    await loginInBrowser(page, harness.team.begeleider.user.username);

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

    const after = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
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
    expect(added.every((entry) => entry.actorId === harness.team.begeleider.user.id)).toBe(true);
    expect(after).toMatchObject({ state: 'active', targetTrede: 3 });

    await page.getByRole('link', { name: 'Nieuwe zaak' }).click();
    await page.getByRole('heading', { name: 'Nieuwe zaak registreren' }).waitFor();
    await expectAccessible(page, 'new-case');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('registers a new case in three steps (BSN checked with the elfproef) and starts its first trajectory', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${harness.baseUrl}/zaken/nieuw`);
    await loginInBrowser(page, harness.team.begeleider.user.username);
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
    const { trajectoryId } = await caseWithRunningStep(harness.server, harness.team, {
      clientNumber: 'E2E-0003',
      displayName: 'Fictief, Cas',
    });
    const before = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
    const { context, page, errors } = await newPage();
    const saved = () => page.getByText('Opgeslagen.').waitFor();

    await page.goto(`${harness.baseUrl}/`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await tabTo(page, 'Gebruikersnaam');
    await page.keyboard.type(harness.team.begeleider.user.username);
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

    const after = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
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
