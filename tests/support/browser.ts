import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium binary (the /usr/bin/chromium wrapper script starts this one). */
export const CHROMIUM_PATH = process.env.CHROMIUM_BIN ?? '/usr/lib/chromium/chromium';

/**
 * Browser tests need Debian's chromium (never a downloaded browser). CI installs it (.ci/run) and
 * must run them; on a developer machine without it they are skipped with this reason.
 */
export function browserAvailability(): { available: true } | { available: false; reason: string } {
  if (fs.existsSync(CHROMIUM_PATH)) return { available: true };
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_BIN)`;
  if (process.env.CI) throw new Error(`Browser tests must run in CI: ${reason}`);
  return { available: false, reason };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Listen on a free loopback port; `close` is safe to call when listening never happened. */
export async function listen(app: (req: never, res: never) => void): Promise<{
  baseUrl: string;
  close(): Promise<void>;
}> {
  const { createServer } = await import('node:http');
  const http: Server = createServer(app as never);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core with the WCAG 2.1 A/AA tags; returns the serious and critical violations only. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the app's Content-Security-Policy stays in force.
  await page.evaluate(fs.readFileSync(AXE_SOURCE_PATH, 'utf8'));
  // Runs in the page (a string, so this Node-typed file needs no DOM types).
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshots go to a git-ignored folder, for people to look at (not compared). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../e2e/.screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
