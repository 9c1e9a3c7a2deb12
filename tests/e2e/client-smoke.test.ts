import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { clientDistDir } from '../../server/paths';
import { browserAvailability, launchBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

const availability = browserAvailability();
const describeInBrowser = availability.available ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping browser tests: ${availability.reason}`);

describeInBrowser('the client in Chromium', () => {
  let server: TestServer;
  let http: Server;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    if (!fs.existsSync(`${clientDistDir}/index.html`))
      throw new Error('client not built: `npm test` runs `npm run build:client` first');
    server = await startTestServer();
    http = server.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => http?.close(resolve));
    await server?.close();
  });

  it('loads the app from the server and shows that the database is reachable, in Dutch', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/`);
    await page.getByRole('status').filter({ hasText: 'bereikbaar' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('Trede');
    expect(errors).toEqual([]);
  });

  it('serves the app for deep links (client-side routes)', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${baseUrl}/zaken/123`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
});
