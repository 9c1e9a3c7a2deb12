/**
 * Two people on one trajectory, and a session that ends mid-work: the second save sees the
 * conflict message (409) with what changed; a 401 returns to the same page after logging in.
 */
import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations } from '../support/browser';
import { describeInBrowser, setUpBrowserHarness } from '../support/browser-harness';
import { caseWithRunningStep, loginInBrowser, trajectoryViaApi } from '../support/e2e';

describeInBrowser('sessions in the browser', () => {
  const harness = setUpBrowserHarness({ teamName: 'Team West' });

  async function openCase(username: string, caseId: string) {
    const opened = await harness.newPage({ width: 1024, height: 768 });
    await opened.page.goto(`${harness.baseUrl}/zaken/${caseId}`);
    await loginInBrowser(opened.page, username);
    return opened;
  }

  async function recordContact(page: Page, note: string) {
    await page.getByRole('button', { name: 'Contact vastleggen' }).click();
    await page.getByLabel('Verslag').fill(note);
    await page.getByRole('button', { name: 'Opslaan' }).click();
  }

  it('tells the second of two sessions that someone else changed the trajectory, and what', async () => {
    const { caseId, trajectoryId } = await caseWithRunningStep(harness.server, harness.team, {
      clientNumber: 'E2E-0101',
      displayName: 'Fictief, Dirk',
    });
    const first = await openCase(harness.team.begeleider.user.username, caseId);
    const second = await openCase(harness.team.teamleider.user.username, caseId);
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
    let trajectory = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
    expect(trajectory.history.filter((entry) => entry.type === 'RECORD_CONTACT')).toHaveLength(1);

    // The form kept its text; saving again on the reloaded version succeeds.
    expect(await second.page.getByLabel('Verslag').inputValue()).toBe('Tweede gesprek, tegelijk');
    await second.page.getByRole('button', { name: 'Opslaan' }).click();
    await second.page.getByText('Opgeslagen.').waitFor();
    trajectory = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
    expect(
      trajectory.history
        .filter((entry) => entry.type === 'RECORD_CONTACT')
        .map((entry) => entry.payload.note),
    ).toEqual(['Eerste gesprek', 'Tweede gesprek, tegelijk']);
    await first.context.close();
    await second.context.close();
  });

  it('returns to the page the user was on after a 401 and a new login', async () => {
    const { caseId, trajectoryId } = await caseWithRunningStep(harness.server, harness.team, {
      clientNumber: 'E2E-0102',
      displayName: 'Fictief, Eva',
    });
    const { context, page } = await openCase(harness.team.begeleider.user.username, caseId);
    await page.getByRole('heading', { name: 'Fictief, Eva' }).waitFor();

    await context.clearCookies(); // the session ends (expired, or logged out elsewhere)
    await recordContact(page, 'Na het verlopen van de sessie');
    await page.getByText('Je sessie is verlopen').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/zaken/${caseId}`);
    await screenshot(page, 'session-expired');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await loginInBrowser(page, harness.team.begeleider.user.username);
    await page.getByRole('heading', { name: 'Fictief, Eva' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/zaken/${caseId}`);
    const trajectory = await trajectoryViaApi(
      harness.server,
      harness.team.begeleider.token,
      trajectoryId,
    );
    expect(trajectory.history.some((entry) => entry.type === 'RECORD_CONTACT')).toBe(false);
    await context.close();
  });
});
