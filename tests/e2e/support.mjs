// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, against the
// release server that `cargo xtask test` started (ADVOCATE_URL, ADVOCATE_SUBPATH_URL).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BASE_URL = required('ADVOCATE_URL');
export const SUBPATH_URL = process.env.ADVOCATE_SUBPATH_URL;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? 'target/screenshots';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`cargo xtask test\``);
  return value;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/// A page at phone size that fails the test on any console error or uncaught exception.
export async function openPage(browser, viewport = PHONE, { colorScheme = 'light' } = {}) {
  // The service worker is tested on its own (offline.test.mjs); here it would hide the requests
  // the tests hold back or answer themselves (page.route) from Playwright.
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-US', colorScheme, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') page.errors.push(message.text()); });
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/// Runs axe-core for WCAG 2.2 A and AA and fails with each violation named.
export async function assertAccessible(page) {
  // Evaluated, not added as an inline <script>: the app's Content-Security-Policy refuses those.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(violations, [], 'axe-core found accessibility violations');
}

export async function programSettings(baseUrl = BASE_URL) {
  const response = await fetch(new URL('api/program', baseUrl));
  assert.equal(response.status, 200);
  return response.json();
}

/// Presses Tab until the focused element matches `selector` (keyboard only, as a person would).
export async function tabTo(page, selector, { max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

export async function focusedText(page) {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}
