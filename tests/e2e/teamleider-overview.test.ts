/**
 * A teamleider's overview in Chromium against the real server: an overdue step is extended from
 * the list and leaves the overdue group; a future peildatum shows a deadline not yet near today;
 * a bulk reassign of three cases moves exactly those three; the forecast shows the weeks. Every
 * page is checked with axe-core and photographed into the git-ignored folder.
 */
import fs from 'node:fs';
import request from 'supertest';
import { addCalendarDays, localDateOf } from '../../machines';
import { bearer, createTestUser } from '../support/auth';
import { describeInBrowser, setUpBrowserHarness } from '../support/browser-harness';
import { daysAgo, tabTo, trajectoryViaApi } from '../support/e2e';
import { createCaseViaApi, createTrajectoryViaApi, sendEvent } from '../support/factories';

describeInBrowser('a teamleider in the browser', () => {
  const harness = setUpBrowserHarness({ teamName: 'Team West' });
  const { expectAccessible } = harness;

  /** A case on trede 1 with an Ontwikkeltraject step started `startedDaysAgo` (6-month limit). */
  async function stepStarted(
    displayName: string,
    startedDaysAgo: number,
    overrides: Record<string, unknown> = {},
  ) {
    const created = await createCaseViaApi(harness.server, harness.team, {
      ...overrides,
      displayName,
      trede: 1,
      assessedAt: daysAgo(startedDaysAgo + 20),
    });
    const trajectory = await createTrajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      created.id,
      {
        product: 'ONT',
        registeredAt: daysAgo(startedDaysAgo + 10),
      },
    );
    const started = await sendEvent(harness.server, harness.team.begeleider.token, trajectory.id, {
      type: 'START',
      occurredAt: daysAgo(startedDaysAgo),
      expectedVersion: trajectory.version,
    });
    if (started.status !== 200) throw new Error(`START answered ${started.status}`);
    return { caseId: created.id, trajectoryId: trajectory.id };
  }

  /** The teamleider on the team overview (`path` may carry filters). */
  async function loggedInPage(path = '/team') {
    const opened = await harness.pageAs(harness.team.teamleider.user.username, path);
    await opened.page.getByRole('heading', { name: 'Teamoverzicht' }).waitFor();
    return opened;
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
    const after = await trajectoryViaApi(
      harness.server,
      harness.team.teamleider.token,
      trajectoryId,
    );
    expect(after.state).toBe('active');
    expect(after.history.at(-1)).toMatchObject({
      type: 'EXTEND',
      payload: { months: 3, reason: 'Stage loopt nog twee maanden' },
      actorId: harness.team.teamleider.user.id,
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
    const other = await createTestUser(harness.server, {
      role: 'begeleider',
      teamIds: [harness.team.team.id],
      orgId: harness.team.team.orgId,
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
      const response = await request(harness.server.app)
        .get(`/api/v1/cases/${caseId}`)
        .set(bearer(harness.team.teamleider.token));
      expect(response.body.begeleiderId).toBe(
        index < 3 ? other.user.id : harness.team.begeleider.user.id,
      );
    }
    await page.getByRole('link', { name: 'Termijnprognose' }).click();
    await page.getByRole('heading', { name: 'Termijnprognose' }).waitFor();
    await page.getByRole('table', { name: /hele selectie/ }).waitFor();
    await expectAccessible(page, 'forecast');
    await close();
  });
  // Last: the second opdrachtgever makes the filter appear on every later page of this file.
  it('the opdrachtgever filter narrows the list and the caseload, and is in the URL', async () => {
    const admin = await createTestUser(harness.server, {
      role: 'beheerder',
      orgId: harness.team.team.orgId,
    });
    const opdrachtgever = async (name: string, gemeentecode: string) =>
      (
        await request(harness.server.app)
          .post('/api/v1/opdrachtgevers')
          .set(bearer(admin.token))
          .send({ name, gemeentecode })
          .expect(201)
      ).body.id as string;
    const arnhem = await opdrachtgever('Arnhem', 'GM0202');
    const renkum = await opdrachtgever('Renkum', 'GM0274');
    await stepStarted('Fictief, Uma', 60, { opdrachtgeverId: arnhem }); // NO_ACTIVITY
    await stepStarted('Fictief, Vera', 60, { opdrachtgeverId: renkum });
    const { page, errors, close } = await loggedInPage();
    const stalled = page.locator('section[aria-labelledby="groep-NO_ACTIVITY"]');
    await stalled.getByRole('link', { name: 'Fictief, Vera' }).waitFor();
    await stalled.getByRole('link', { name: 'Fictief, Uma' }).waitFor();

    await page.getByLabel('Gemeente (opdrachtgever)').selectOption({ label: 'Renkum' });
    await page.waitForURL(new RegExp(`opdrachtgever=${renkum}`));
    await stalled.getByRole('link', { name: 'Fictief, Vera' }).waitFor();
    expect(await stalled.getByRole('link', { name: 'Fictief, Uma' }).count()).toBe(0);
    // Every row left on screen is Renkum's, as GET /signals?opdrachtgever= answers.
    const signals = await request(harness.server.app)
      .get(`/api/v1/signals?opdrachtgever=${renkum}`)
      .set(bearer(harness.team.teamleider.token))
      .expect(200);
    const names = (signals.body.items as Array<{ displayName: string }>).map((i) => i.displayName);
    expect(names).toEqual(['Fictief, Vera']);
    // The caseload counts narrow too: the begeleider has one open trajectory of Renkum.
    const caseload = page.getByRole('region', { name: 'Caseload per begeleider' });
    const row = caseload.getByRole('row', {
      name: new RegExp(harness.team.begeleider.user.displayName),
    });
    expect(await row.getByRole('cell').first().textContent()).toBe('1');
    await expectAccessible(page, 'team-overview-opdrachtgever');

    // The filter is in the URL: opening it anew shows the same narrowed list.
    const reopened = await loggedInPage(`/team?opdrachtgever=${arnhem}`);
    await reopened.page
      .locator('section[aria-labelledby="groep-NO_ACTIVITY"]')
      .getByRole('link', { name: 'Fictief, Uma' })
      .waitFor();
    expect(await reopened.page.getByRole('link', { name: 'Fictief, Vera' }).count()).toBe(0);
    expect(await reopened.page.getByLabel('Gemeente (opdrachtgever)').inputValue()).toBe(arnhem);
    expect([...errors, ...reopened.errors]).toEqual([]);
    await reopened.close();
    await close();
  });
});
