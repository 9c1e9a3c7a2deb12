import { seriousAxeViolations } from '../support/browser';
import { describeInBrowser, setUpBrowserHarness } from '../support/browser-harness';

describeInBrowser('the client in Chromium', () => {
  const harness = setUpBrowserHarness();

  it('serves the app, in Dutch, with the login for a visitor without a session', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${harness.baseUrl}/`);
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('Trede');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves the app for deep links (client-side routes)', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${harness.baseUrl}/zaken/123`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await context.close();
  });

  it('has an accessibility check that does find serious violations (so a pass means something)', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.setContent('<html><body><img src="x.png"><button></button></body></html>');
    const ids = (await seriousAxeViolations(page)).map((violation) => violation.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
    await context.close();
  });
});
