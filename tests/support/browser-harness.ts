import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { clientDistDir } from '../../server/paths';
import {
  browserAvailability,
  launchBrowser,
  listen,
  screenshot,
  seriousAxeViolations,
} from './browser';
import { browserTestNow, loginInBrowser } from './e2e';
import { createCaseworkTeam, type TestTeam } from './factories';
import { startTestServer, type TestServer } from './test-server';

const availability = browserAvailability();
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);
/** `describe` where Debian's Chromium is installed; elsewhere skipped, with the reason above. */
export const describeInBrowser = availability.available ? describe : describe.skip;

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: a test ends with `expect(errors).toEqual([])`. */
  errors: string[];
  close(): Promise<void>;
}

export interface BrowserHarness {
  readonly server: TestServer;
  readonly baseUrl: string;
  readonly browser: Browser;
  /** The team made in beforeAll (a begeleider and a teamleider, logged in over the API). */
  readonly team: TestTeam;
  /** A fresh browser context (Dutch locale, downloads allowed) and its page. */
  newPage(viewport?: { width: number; height: number }): Promise<BrowserPage>;
  /** A new page on `path`, logged in there through the login form. */
  pageAs(username: string, path: string, password?: string): Promise<BrowserPage>;
  /** A screenshot for people to look at, and zero serious/critical axe-core violations. */
  expectAccessible(page: Page, name: string): Promise<void>;
}

/**
 * The set-up every browser test shares, registered as this describe block's beforeAll/afterAll:
 * the built client, the real server on the embedded database (its clock an hour ahead of the
 * browser's, see browserTestNow), an HTTP port, Chromium, and optionally a team.
 */
export function setUpBrowserHarness(options: { teamName?: string } = {}): BrowserHarness {
  let server: TestServer | undefined;
  let http: { baseUrl: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let team: TestTeam | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browser harness: no ${what} (beforeAll failed?)`);
    return value;
  };

  beforeAll(async () => {
    if (!fs.existsSync(`${clientDistDir}/index.html`))
      throw new Error('client not built: `npm test` runs `npm run build:client` first');
    server = await startTestServer({ now: browserTestNow(), config: { cookieSecure: false } });
    http = await listen(server.app as never);
    browser = await launchBrowser();
    if (options.teamName) team = await createCaseworkTeam(server, options.teamName);
  });
  // Each step may be missing when beforeAll failed half-way; closing what exists must not hang.
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await server?.close();
  });

  const harness: BrowserHarness = {
    get server() {
      return ready(server, 'server');
    },
    get baseUrl() {
      return ready(http, 'HTTP listener').baseUrl;
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get team() {
      return ready(team, 'team (pass teamName)');
    },
    async newPage(viewport = { width: 1280, height: 720 }) {
      const context = await harness.browser.newContext({
        viewport,
        locale: 'nl-NL',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { context, page, errors, close: () => context.close() };
    },
    async pageAs(username, path, password) {
      const opened = await harness.newPage();
      await opened.page.goto(`${harness.baseUrl}${path}`);
      await loginInBrowser(opened.page, username, password);
      return opened;
    },
    async expectAccessible(page, name) {
      await screenshot(page, name);
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
  };
  return harness;
}
