import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { clientDistDir } from '../../server/paths';
import {
  browserAvailability,
  launchBrowser,
  listen,
  seriousAxeViolations,
} from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

const availability = browserAvailability();
const describeInBrowser = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);

describeInBrowser('the client in Chromium', () => {
  let server: TestServer | undefined;
  let http: { baseUrl: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(`${clientDistDir}/index.html`))
      throw new Error('client not built: `npm test` runs `npm run build:client` first');
    server = await startTestServer();
    http = await listen(server.app as never);
    browser = await launchBrowser();
  });
  // Each step may be missing when beforeAll failed half-way; closing what exists must not hang.
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await server?.close();
  });

  it('serves the app, in Dutch, with the login for a visitor without a session', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${http!.baseUrl}/`);
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('Trede');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves the app for deep links (client-side routes)', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${http!.baseUrl}/zaken/123`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await context.close();
  });

  it('has an accessibility check that does find serious violations (so a pass means something)', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.setContent('<html><body><img src="x.png"><button></button></body></html>');
    const ids = (await seriousAxeViolations(page)).map((violation) => violation.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
    await context.close();
  });
});
