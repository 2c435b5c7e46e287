import type { Browser } from 'playwright-core';
import { artifactPath, launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/system';

/** An integrator's first stop: the ingest API's OpenAPI page, rendered in a real browser. */
describe('ingest API documentation in Chromium', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows POST /api/events with its responses', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.ingest.url}/api/docs`);
    const operation = page.locator('.opblock-post', { hasText: '/api/events' });
    await operation.waitFor({ timeout: 20_000 });
    await operation.locator('.opblock-summary').click();
    await page.locator('.responses-table').first().waitFor();
    const statuses = await page.locator('.responses-table td.response-col_status').allInnerTexts();
    expect(statuses.map((s) => s.trim().slice(0, 3))).toEqual(expect.arrayContaining(['202', '400', '401', '403', '413', '503']));
    await page.screenshot({ path: artifactPath('ingest-api-docs.png'), fullPage: true });
  });
});
