// The app shell end to end: the release build served by the real server, in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, SUBPATH_URL, DESKTOP, launch, openPage, screenshot, assertAccessible, programSettings,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the home page shows the advocate phone number from the API', async () => {
  const program = await programSettings();
  const page = await openPage(browser);
  const downloaded = [];
  page.on('request', (request) => downloaded.push(new URL(request.url()).pathname));
  await page.goto(BASE_URL);
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  const call = page.locator('a.button--call');
  await call.waitFor();
  assert.equal(await call.getAttribute('href'), `tel:+1${program.advocate_phone.replaceAll('-', '')}`);
  assert.match(await call.innerText(), new RegExp(program.advocate_phone));
  assert.match(await page.locator('.availability').innerText(), /Advocates are (available now|away right now)/);
  for (const way of ['Find the right help', 'Estimate a cost', 'Check a medical bill']) {
    await page.getByRole('link', { name: new RegExp(way) }).waitFor();
  }
  assert.equal(await page.title(), 'Help with health care, insurance and medical bills – Advocate');
  // The member app's bundle, never the console's (a bundle of its own at /console/).
  assert.ok(downloaded.some((path) => /advocate-web-[0-9a-f]{12,16}_bg\.wasm$/.test(path)), downloaded.join(' '));
  assert.ok(!downloaded.some((path) => path.includes('advocate-console')), downloaded.join(' '));
  await screenshot(page, 'home-390');
  await assertAccessible(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the home page is comfortable on a desktop', async () => {
  const page = await openPage(browser, DESKTOP);
  await page.goto(BASE_URL);
  await page.locator('a.button--call').waitFor();
  await screenshot(page, 'home-1280');
  await assertAccessible(page);
  await page.context().close();
});

test('the home page keeps its contrast in dark mode', async () => {
  const page = await openPage(browser, undefined, { colorScheme: 'dark' });
  await page.goto(BASE_URL);
  await page.locator('a.button--call').waitFor();
  await screenshot(page, 'home-390-dark');
  await assertAccessible(page);
  await page.context().close();
});

test('a deep link reloads onto the same page', async () => {
  const program = await programSettings();
  const page = await openPage(browser);
  await page.goto(new URL('about', BASE_URL).href);
  const heading = page.getByRole('heading', { level: 1, name: 'What this service is and is not' });
  await heading.waitFor();
  await page.getByText(program.conditions[0].title).waitFor();
  await page.reload();
  await heading.waitFor();
  await page.getByText(program.conditions[0].title).waitFor();
  await screenshot(page, 'about-390');
  await assertAccessible(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown address shows the page-not-found page', async () => {
  const page = await openPage(browser);
  await page.goto(new URL('no-such-page', BASE_URL).href);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  await screenshot(page, 'not-found-390');
  await page.context().close();
});

test('the shell works by keyboard alone', async () => {
  const page = await openPage(browser);
  await page.goto(BASE_URL);
  await page.locator('a.button--call').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // From the main content, the first stop is the first way in.
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Find the right help/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/find$/);
  await page.getByRole('heading', { level: 1, name: 'Who needs help?' }).waitFor();
  // Focus moves to the new page's heading, as after a full page load.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  await page.context().close();
});

test('the app works when served under a sub-path', { skip: !SUBPATH_URL && 'ADVOCATE_SUBPATH_URL not set' }, async () => {
  const page = await openPage(browser);
  await page.goto(new URL('about', SUBPATH_URL).href);
  await page.getByRole('heading', { level: 1, name: 'What this service is and is not' }).waitFor();
  await page.locator('a.header-call').waitFor();
  await page.getByRole('link', { name: 'Advocate', exact: true }).click();
  await page.waitForURL(/\/benefits\/advocate\/?$/);
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  // The address an operator publishes, loaded as a bookmark would: the home page, not a 404.
  await page.goto(SUBPATH_URL);
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
