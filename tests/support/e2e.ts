import request from 'supertest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, bearer } from './auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from './factories';
import type { TestServer } from './test-server';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The browser reads the real clock for "today", so a browser test's server clock runs one hour
 * ahead of it (events dated now are never "in the future" for the server); data lies in the past.
 */
export function browserTestNow(): string {
  return new Date(Date.now() + 60 * 60 * 1000).toISOString();
}

export const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A case on trede 1 with a started Ontwikkeltraject towards trede 2 (begun 40 days ago). */
export async function caseWithRunningStep(
  server: TestServer,
  team: TestTeam,
  overrides: { clientNumber: string; displayName: string },
) {
  const created = await createCaseViaApi(server, team, {
    ...overrides,
    trede: 1,
    assessedAt: daysAgo(60),
  });
  const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
    product: 'ONT',
    targetTrede: 2,
    registeredAt: daysAgo(50),
  });
  const started = await sendEvent(server, team.begeleider.token, trajectory.id, {
    type: 'START',
    occurredAt: daysAgo(40),
    expectedVersion: trajectory.version,
  });
  if (started.status !== 200) throw new Error(`START answered ${started.status}`);
  return { caseId: created.id, trajectoryId: trajectory.id };
}

export async function trajectoryViaApi(server: TestServer, token: string, trajectoryId: string) {
  const response = await request(server.app)
    .get(`/api/v1/trajectories/${trajectoryId}`)
    .set(bearer(token));
  return response.body as {
    state: string;
    targetTrede: number;
    version: number;
    history: Array<{ type: string; payload: Record<string, unknown>; actorId: string | null }>;
  };
}

export async function loginInBrowser(
  page: Page,
  username: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

export { createCaseworkTeam, TEST_PASSWORD };

interface FocusInfo {
  tag: string;
  text: string;
  label: string;
}

/**
 * Keyboard only: press Tab until the focused element has this visible text or label (its name),
 * and fail when Tab never reaches it — an element a keyboard user cannot reach fails the test.
 */
export async function tabTo(page: Page, name: string, maxPresses = 80): Promise<void> {
  for (let index = 0; index < maxPresses; index += 1) {
    await page.keyboard.press('Tab');
    const focus = (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
      return { tag: el.tagName, text: (el.textContent || '').trim(), label: (label || '').trim() };
    })()`)) as FocusInfo | null;
    if (focus && (focus.label === name || (focus.tag !== 'SELECT' && focus.text === name))) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}
