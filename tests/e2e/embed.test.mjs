// Embedding in an employer's intranet: a test intranet on another origin (localhost, which the
// employers file allows for "acme") frames /e/acme/; the app renders in the frame without the
// site header, in the employer's colours and with its phone number, and the frame is resized to
// the page through postMessage. The same intranet page on an origin not on the list
// (127.0.0.1) is refused framing by the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BASE_URL, launch, openPage, screenshot } from './support.mjs';

const PORT = Number(process.env.INTRANET_PORT);
const APP_ORIGIN = new URL(BASE_URL).origin;

// What an intranet page needs: the frame and the one-line listener from the README.
const INTRANET = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme intranet</title></head>
<body style="margin:0;font-family:sans-serif"><h1 style="margin:16px">Acme benefits</h1>
<iframe id="advocate" src="${BASE_URL}e/acme/" title="Health advocacy" style="width:100%;border:0;height:150px"></iframe>
<script>addEventListener('message', (e) => { if (e.origin === '${APP_ORIGIN}' && e.data && e.data.type === 'advocate:height') document.getElementById('advocate').style.height = e.data.height + 'px'; });</script>
</body></html>`;

let browser;
let intranet;
before(async () => {
  assert.ok(PORT, 'INTRANET_PORT is set by cargo xtask test');
  intranet = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(INTRANET);
  });
  await new Promise((resolve) => intranet.listen(PORT, '127.0.0.1', resolve));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  intranet?.close();
});

const frameHeight = (page) => page.evaluate(() => document.getElementById('advocate').getBoundingClientRect().height);

/// A full-page picture: Chromium paints a cross-origin frame only near the viewport, so the
/// viewport is made as tall as the page first (same width, same layout).
async function screenshotWhole(page, name) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 390, height: Math.ceil(height) });
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
}

/// The frame's height once it has stopped changing, checked equal to the page inside it.
async function settledHeight(page, frame) {
  let last = -1;
  for (let i = 0; i < 25; i++) {
    const outer = await frameHeight(page);
    const inner = await frame.locator('body').evaluate((body) => body.offsetHeight);
    if (Math.abs(outer - inner) <= 1 && outer === last) return outer;
    last = outer;
    await page.waitForTimeout(200);
  }
  assert.fail(`the frame (${last} px) never settled at the height of the page inside it`);
}

test('an allowed intranet embeds the app for its employer, themed, and the frame follows the page height', async () => {
  const page = await openPage(browser);
  await page.goto(`http://localhost:${PORT}/`);
  const frame = page.frameLocator('#advocate');
  await frame.getByRole('heading', { level: 1, name: 'Get help with health care, insurance and medical bills' }).waitFor();
  assert.equal(await frame.locator('.site-header').count(), 0, 'no site header inside the intranet');
  assert.equal(await frame.locator('.site-footer').count(), 0, 'no site footer inside the intranet');
  // The employer's own number and colours.
  await frame.getByText('866-555-0100').first().waitFor();
  const action = await frame.locator('.button--call').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(action, 'rgb(29, 92, 153)');

  // The frame is as tall as the page inside it: no second scroll bar.
  const home = await settledHeight(page, frame);
  assert.ok(home > 400, `${home} px`);
  await screenshotWhole(page, 'embed-1-intranet-390');

  // Moving inside the app keeps the employer's address and resizes the frame.
  await frame.getByRole('link', { name: 'Check a medical bill' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Check a medical bill' }).waitFor();
  const inFrame = page.frames().find((f) => f.url().includes('/e/acme/'));
  assert.match(inFrame.url(), /\/e\/acme\/bill$/);
  const bill = await settledHeight(page, frame);
  assert.ok(Math.abs(bill - home) > 50, `the frame followed the new page: ${home} → ${bill} px`);
  await screenshotWhole(page, 'embed-2-intranet-bill-390');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an intranet that is not on the employer\'s list is refused framing by the browser', async () => {
  const page = await openPage(browser);
  const messages = [];
  page.on('console', (message) => messages.push(message.text()));
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForTimeout(1500);
  const child = page.frames().find((f) => f !== page.mainFrame());
  const rendered = child ? await child.locator('main#main').count().catch(() => 0) : 0;
  assert.equal(rendered, 0, 'the app did not render in a frame it may not be in');
  assert.ok(messages.some((m) => m.includes('frame-ancestors')), messages.join('\n'));
  await page.context().close();
});

test('the API and the app outside /e/ refuse every frame', async () => {
  for (const path of ['', 'bill', 'api/program']) {
    const response = await fetch(`${BASE_URL}${path}`);
    assert.match(response.headers.get('content-security-policy'), /frame-ancestors 'none'/, path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
  }
});
