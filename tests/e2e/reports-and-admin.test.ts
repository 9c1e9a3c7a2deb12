/**
 * The policy advisor's reports and the administrator's console in Chromium against the real
 * server: the tiles show the numbers GET /reports/indicators returns, the transitions CSV reads
 * as Dutch Excel reads it; a beheerder creates a user who can then log in, and a changed
 * threshold changes the teamleider's overview. axe-core on every page, screenshots saved.
 */
import fs from 'node:fs';
import request from 'supertest';
import { bearer, createTestUser, TEST_PASSWORD } from '../support/auth';
import { describeInBrowser, setUpBrowserHarness } from '../support/browser-harness';
import { caseWithRunningStep, trajectoryViaApi } from '../support/e2e';
import { sendEvent } from '../support/factories';

describeInBrowser('beleid and beheer in the browser', () => {
  const harness = setUpBrowserHarness({ teamName: 'Team Zuid' });
  const { expectAccessible } = harness;
  const pageAs = (username: string, path: string, password = TEST_PASSWORD) =>
    harness.pageAs(username, path, password);

  it('a beleid user sees tiles with the API’s numbers and downloads a CSV Dutch Excel can read', async () => {
    // Two steps up (1→2) this year, so the tiles are not all zero.
    for (const name of ['Fictief, Anna', 'Fictief, Bram']) {
      const { trajectoryId } = await caseWithRunningStep(harness.server, harness.team, {
        clientNumber: `R-${name.slice(-4)}`,
        displayName: name,
      });
      const current = await trajectoryViaApi(
        harness.server,
        harness.team.begeleider.token,
        trajectoryId,
      );
      const assessed = await sendEvent(
        harness.server,
        harness.team.begeleider.token,
        trajectoryId,
        {
          type: 'ASSESS_TREDE',
          trede: 2,
          occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
          expectedVersion: current.version,
        },
      );
      expect(assessed.status).toBe(200);
    }
    // A contact of 45 minutes now: this month's billing has an amount (45 min × ONT's tariff).
    const contacted = await caseWithRunningStep(harness.server, harness.team, {
      clientNumber: 'R-0045',
      displayName: 'Fictief, Dina',
    });
    const running = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      contacted.trajectoryId,
    );
    const contact = await sendEvent(
      harness.server,
      harness.team.begeleider.token,
      contacted.trajectoryId,
      {
        type: 'RECORD_CONTACT',
        note: 'gesprek',
        minutes: 45,
        occurredAt: new Date().toISOString(),
        expectedVersion: running.version,
      },
    );
    expect(contact.status).toBe(200);
    const beleid = await createTestUser(harness.server, {
      role: 'beleid',
      orgId: harness.team.team.orgId,
    });
    const { page, errors, close } = await pageAs(beleid.user.username, '/');
    await page.getByRole('heading', { name: 'Rapportages' }).waitFor();
    await page.getByRole('heading', { name: 'Indicatoren' }).waitFor();
    const year = new Date().toISOString().slice(0, 4);
    const today = new Date(Date.now() + 3600_000).toISOString().slice(0, 10);
    const api = await request(harness.server.app)
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

    // Trend per month: every month's cells are GET /reports/indicators/monthly's figures.
    const monthly = await request(harness.server.app)
      .get(`/api/v1/reports/indicators/monthly?from=${year}-01-01&to=${today}`)
      .set(bearer(beleid.token))
      .expect(200);
    const trend = page.getByRole('table', { name: /Indicatoren per kalendermaand/ });
    await trend.waitFor();
    expect(await trend.locator('tbody tr').count()).toBe(monthly.body.months.length);
    for (const month of monthly.body.months as Array<Record<string, number | string>>)
      for (const column of ['stepsUp', 'stepsDown', 'started', 'closed', 'caseload']) {
        const cell = trend.locator(`tr[data-month="${month.month}"] td[data-column="${column}"]`);
        expect(await cell.textContent()).toBe(String(month[column]));
      }
    const stepsUp = (monthly.body.months as Array<{ stepsUp: number }>).map((m) => m.stepsUp);
    expect(stepsUp.reduce((a, b) => a + b, 0)).toBe(2); // the two steps, in their month
    await page.getByRole('img', { name: /Tredeovergangen per maand/ }).waitFor();

    // Billing of this month: the table's rows and total are GET /reports/billing's.
    const month = today.slice(0, 7);
    const billing = await request(harness.server.app)
      .get(`/api/v1/reports/billing?month=${month}`)
      .set(bearer(beleid.token))
      .expect(200);
    expect(billing.body.total.amountCents).toBeGreaterThan(0);
    const billingTable = page.getByRole('table', { name: new RegExp(`Declaratie ${month}`) });
    await billingTable.waitFor();
    expect(await billingTable.locator('tbody tr').count()).toBe(billing.body.rows.length);
    const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
    const spaced = (text: string | null) => (text ?? '').replace(/\s/g, ' ');
    expect(spaced(await page.getByTestId('billing-total').textContent())).toBe(
      spaced(euros.format(billing.body.total.amountCents / 100)),
    );

    // Uitsplitsing per team: one row per group with the API's name and numbers, the total last.
    await page.getByLabel('Uitsplitsing').selectOption('team');
    const byTeam = await request(harness.server.app)
      .get(`/api/v1/reports/indicators?from=${year}-01-01&to=${today}&groupBy=team`)
      .set(bearer(beleid.token))
      .expect(200);
    expect(byTeam.body.groups.length).toBeGreaterThan(0);
    const breakdown = page.getByRole('table', { name: /Belangrijkste indicatoren per team/ });
    await breakdown.waitFor();
    expect(page.url()).toContain('uitsplitsing=team');
    const cells = async (group: string) =>
      breakdown
        .locator(`tr[data-group="${group}"] th, tr[data-group="${group}"] td`)
        .allTextContents();
    type Figures = {
      steps: { transitions: number; clients: number };
      trajectories: { started: number; droppedOut: number };
      outflow: { toPaidWork: number };
    };
    const counts = (figures: Figures) => [
      String(figures.steps.transitions),
      String(figures.steps.clients),
      String(figures.trajectories.started),
      String(figures.trajectories.droppedOut),
      String(figures.outflow.toPaidWork),
    ];
    // Columns: name, steps, clients, activation, started, closed, dropped out, to paid work.
    const countsOf = (row: string[]) => [row[1], row[2], row[4], row[6], row[7]];
    expect(await breakdown.locator('tbody tr').count()).toBe(byTeam.body.groups.length);
    for (const group of byTeam.body.groups as Array<Figures & { id: string; name: string }>) {
      const row = await cells(group.id);
      expect(row[0]).toBe(group.name);
      expect(countsOf(row)).toEqual(counts(group));
    }
    expect(byTeam.body.groups.map((group: { name: string }) => group.name)).toContain('Team Zuid');
    const total = await cells('total');
    expect(total[0]).toBe('Totaal');
    expect(countsOf(total)).toEqual(counts(byTeam.body));
    expect(await breakdown.locator('tr').last().getAttribute('data-group')).toBe('total');
    // axe on the page with every section shown: the trend, billing and the breakdown.
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
    const admin = await createTestUser(harness.server, {
      role: 'beheerder',
      orgId: harness.team.team.orgId,
    });
    // Started 40 days ago, no activity since: not NO_ACTIVITY at 42 days, it is at 30.
    await caseWithRunningStep(harness.server, harness.team, {
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

    const lead = await pageAs(harness.team.teamleider.user.username, '/team?signaal=NO_ACTIVITY');
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
    // "What" goes to the API too (GET /audit?action=): the total counts that action on all pages.
    await page.getByLabel('Wat').selectOption({ label: 'Instellingen (alles)' });
    await page.waitForURL(/wat=settings/);
    await page.getByText('1 regel', { exact: true }).waitFor();
    const whatCells = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(whatCells).toEqual(['settings.update']);
    await expectAccessible(page, 'admin-audit');
    expect(errors).toEqual([]);
    await close();
  });
});
