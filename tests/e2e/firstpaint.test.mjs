// The first paint: the HTML the server sends in place of the loading line, which a phone shows
// before the app has loaded and which is all a browser without JavaScript shows. The app draws
// its page in the same place and removes it, so nothing moves and nothing shows twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launch, openPage, screenshot, assertAccessible, programSettings } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const telUri = (phone) => `tel:+1${phone.replaceAll('-', '')}`;

/// Where an element sits on the page, rounded to the pixel.
const box = async (locator) => {
  const { x, y, width, height } = await locator.boundingBox();
  return [x, y, width, height].map(Math.round);
};

test('with JavaScript off the home page shows the phone number as a link, and the hours', async () => {
  const program = await programSettings();
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: 'en-US', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  const call = page.getByRole('link', { name: new RegExp(program.advocate_phone) });
  assert.equal(await call.count(), 1);
  assert.equal(await call.getAttribute('href'), telUri(program.advocate_phone));
  await page.getByText(/^Advocates answer .*\. The call is free\.$/).waitFor();
  for (const way of ['Find the right help', 'Estimate a cost', 'Check a medical bill']) {
    await page.getByRole('link', { name: new RegExp(way) }).waitFor();
  }
  await screenshot(page, 'first-paint-390-no-javascript');
  await context.close();
});

test('the app replaces the first paint where it stands, and shows the number once', async () => {
  const program = await programSettings();
  const page = await openPage(browser);
  // Holding back the program settings keeps the page at its first paint for a picture.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/program', async (route) => { await held; await route.continue(); });
  await page.goto(BASE_URL);
  const firstPaint = page.locator('#boot.first-paint');
  await firstPaint.waitFor();
  const heading = page.getByRole('heading', { level: 1 });
  const headerCall = page.locator('a.header-call');
  assert.equal(await headerCall.getAttribute('href'), telUri(program.advocate_phone));
  const before = { heading: await box(heading), call: await box(headerCall) };
  await screenshot(page, 'first-paint-390-before-the-app');
  await assertAccessible(page);

  release();
  await page.locator('a.button--call').waitFor();
  assert.equal(await page.locator('#boot').count(), 0, 'the first paint is gone once the app has mounted');
  assert.equal(await page.locator('.boot').count(), 0, 'no loading line either');
  assert.equal(await heading.count(), 1);
  assert.equal(await headerCall.count(), 1, 'the number is in the header once');
  assert.equal(await page.locator(`header a[href="${telUri(program.advocate_phone)}"]`).count(), 1);
  assert.deepEqual({ heading: await box(heading), call: await box(headerCall) }, before, 'the heading and the number stay where they were');
  await screenshot(page, 'first-paint-390-after-the-app');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an entry page opened directly shows its own heading before the app', async () => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: 'en-US', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('estimate', BASE_URL).href);
  await page.getByRole('heading', { level: 1, name: 'Estimate a cost' }).waitFor();
  await page.locator('a.header-call').waitFor();
  await context.close();
});

test('with /api/program failing the page still shows the phone number and the hours', async () => {
  const program = await programSettings();
  const page = await openPage(browser);
  await page.route('**/api/program', (route) => route.abort('connectionfailed'));
  await page.goto(BASE_URL);
  // The app's error notice arrives under the first paint, which stays.
  await page.getByRole('button', { name: /Try again/ }).waitFor();
  const call = page.locator(`a[href="${telUri(program.advocate_phone)}"]`);
  assert.ok((await call.count()) >= 1, 'the phone number is still there');
  await page.getByText(/^Advocates answer .*\. The call is free\.$/).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  await screenshot(page, 'first-paint-390-program-unavailable');
  await page.context().close();
});
