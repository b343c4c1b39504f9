// The advocate console end to end: a member's request arrives; an advocate signs in (a wrong
// password first), finds it in the queue without reloading, takes it, opens the case, adds a
// note and resolves it. The account is made by the server's create-advocate command (see
// cargo xtask test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BASE_URL, DESKTOP, launch, openPage, screenshot, assertAccessible, tabTo } from './support.mjs';

const EMAIL = process.env.ADVOCATE_TEST_EMAIL;
const PASSWORD = process.env.ADVOCATE_TEST_PASSWORD;
const url = (path) => new URL(path, BASE_URL).href;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function memberRequest(name) {
  const response = await fetch(url('api/requests'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      relationship: 'parent',
      service_id: 'second-opinion',
      plan: 'other-plan',
      answers: { condition: 'Knee pain, surgery advised', zip: '10001' },
      contact: { name, method: 'phone', phone: '(555) 201-4477', best_time: 'evening' },
      consent_to_contact: true,
      notes: 'Best reached after 6 pm.',
    }),
  });
  assert.equal(response.status, 201);
  return (await response.json()).reference;
}

test('an advocate signs in, takes a new request, adds a note and resolves it', async () => {
  assert.ok(EMAIL && PASSWORD, 'cargo xtask test creates the advocate account');
  const page = await openPage(browser);
  await page.goto(url('console'));
  await page.getByRole('heading', { level: 1, name: 'Sign in to the advocate console' }).waitFor();
  await screenshot(page, 'console-1-sign-in-390');
  await assertAccessible(page);

  // A wrong password: one message that does not say which detail was wrong.
  await page.fill('#email', EMAIL);
  await page.fill('#password', 'not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.error-summary').waitFor();
  assert.doesNotMatch(await page.locator('.error-summary').textContent(), /unknown|no account/i);

  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
  // The console is its own bundle: members' pages never load it, and it loads no member page.
  // (Waited for: Chromium adds a resource's timing entry in a task of its own after the response
  // ends, which may come after the app, compiled while streaming, has drawn.)
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /advocate-console-[0-9a-f]{12,16}_bg\.wasm$/.test(r.name)), null, { timeout: 5_000 });

  // A request sent now appears without reloading the page.
  const reference = await memberRequest('Ana Lopez');
  const item = page.locator('.queue-item').filter({ hasText: reference });
  await item.waitFor({ timeout: 30_000 });
  await screenshot(page, 'console-2-queue-390');
  await assertAccessible(page);
  await item.getByRole('button', { name: /Take/ }).click();
  await item.filter({ hasText: 'Assigned to you' }).waitFor();

  await item.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
  await page.getByText('Ana Lopez').waitFor();
  await page.getByText('Agreed to be contacted about this request').waitFor();

  // A note, then the case resolved; both show in the case.
  await page.fill('#note-text', 'Called the member; the second opinion is booked for Tuesday.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('.note').filter({ hasText: 'second opinion is booked' }).waitFor();
  await page.selectOption('#new-state', 'resolved');
  await page.fill('#status-note', 'Booked');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('heading', { level: 2, name: /^Resolved/ }).waitFor();
  await page.locator('.list li').filter({ hasText: 'Resolved' }).filter({ hasText: 'Booked' }).waitFor();
  await screenshot(page, 'console-3-case-390');
  await assertAccessible(page);
  assert.deepEqual(page.errors.filter((e) => !/status of 401/.test(e)), []);

  // Signing out ends the session: the console asks to sign in again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in to the advocate console' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Sign in to the advocate console' }).waitFor();

  // The header's way home leaves the console's bundle for the member app's, as a link would.
  await page.locator('.site-header a.brand').click();
  await page.getByRole('heading', { level: 1, name: /Get help with health care/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, new URL(url('')).pathname);
  assert.deepEqual(page.errors.filter((e) => !/status of 401/.test(e)), []);
  await page.context().close();
});

test('call mode prices a procedure and opens a request for the caller by keyboard in under a minute', async () => {
  const page = await openPage(browser, DESKTOP);
  await page.goto(url('console'));
  await page.fill('#email', EMAIL);
  await page.fill('#password', PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
  await tabTo(page, 'a[href$="console/call"]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'On a call' }).waitFor();
  await page.locator('#call-service').waitFor();
  const started = Date.now();

  // Alt+P: the price of a knee MRI in Birmingham, Alabama (ZIP 35203).
  await page.keyboard.press('Alt+KeyP');
  await page.keyboard.type('35203');
  await tabTo(page, '#procedure');
  await page.keyboard.type('knee mri');
  await tabTo(page, '.search__result');
  await page.keyboard.press('Enter');
  await page.locator('.call-panel .estimate').filter({ hasText: 'Medicare pays here' }).waitFor();

  // Alt+S: the service, chosen from the caller's words; the form takes it and moves on.
  await page.keyboard.press('Alt+KeyS');
  await page.keyboard.type('second opinion');
  await tabTo(page, '.call-results button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'call-name');
  await page.keyboard.type('Sam Lee');
  await tabTo(page, '#call-phone');
  await page.keyboard.type('555-201-4477');
  await tabTo(page, '#call-plan');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, '#call-condition');
  await page.keyboard.type('Knee surgery advised');
  await tabTo(page, '#call-zip');
  await page.keyboard.type('10001');
  await tabTo(page, '#call-consent');
  await page.keyboard.press('Space');
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');
  const opened = page.locator('#call-opened');
  await opened.waitFor();
  const seconds = (Date.now() - started) / 1000;
  assert.match(await opened.textContent(), /Opened [2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}, assigned to you/);
  console.log(`[report] call mode: a procedure priced and a request opened by keyboard in ${seconds.toFixed(1)} s of scripted keystrokes (budget: a minute of a person's typing)`);
  assert.ok(seconds < 60, `${seconds} s`);
  await screenshot(page, 'console-4-call-1280');
  await assertAccessible(page);
  assert.deepEqual(page.errors.filter((e) => !/status of 401/.test(e)), []);
  await page.context().close();
});

test('a carrier-plan request is a hand-off in the queue, and recording it changes what the member sees', async () => {
  assert.ok(EMAIL && PASSWORD, 'cargo xtask test creates the advocate account');
  // The member, on their phone: a clinical question under the carrier's plan.
  const member = await openPage(browser);
  await member.goto(url('find/outcome?who=employee&area=clinical&service=prescriptions&plan=carrier-plan'));
  await member.getByRole('link', { name: 'Ask an advocate to pass it on' }).click();
  await member.getByRole('heading', { level: 1, name: 'How should an advocate contact you?' }).waitFor();
  await member.fill('#name', 'Lee Chan');
  await member.fill('#phone', '555-201-4477');
  await member.locator('#consent').check();
  await member.getByRole('button', { name: 'Send request' }).click();
  const reference = (await member.locator('.confirmation__reference strong').textContent()).trim();
  await member.getByRole('link', { name: 'check its status' }).click();
  await member.getByRole('heading', { level: 2, name: /^Waiting to be passed to / }).waitFor();

  // The advocate: the request waits in the queue as a hand-off; it is recorded with how and a note.
  const advocate = await openPage(browser, DESKTOP);
  await advocate.goto(url('console'));
  await advocate.fill('#email', EMAIL);
  await advocate.fill('#password', PASSWORD);
  await advocate.getByRole('button', { name: 'Sign in' }).click();
  const item = advocate.locator('.queue-item').filter({ hasText: reference });
  await item.waitFor({ timeout: 30_000 });
  await item.getByRole('link', { name: reference }).click();
  await advocate.getByRole('heading', { level: 2, name: 'Hand it off, or change the status' }).waitFor();
  await advocate.selectOption('#new-state', 'routed_to_carrier');
  await advocate.getByLabel(/^Member told/).check();
  await advocate.fill('#status-note', 'Gave the member the carrier number and what to ask.');
  await advocate.getByRole('button', { name: 'Record the hand-off' }).click();
  await advocate.getByRole('heading', { level: 2, name: /^Handed off to the carrier/ }).waitFor();
  await screenshot(advocate, 'console-4-handoff-recorded-1280');
  await assertAccessible(advocate);

  // The member's status page now says it was passed on, and how.
  await member.reload();
  await member.getByRole('heading', { level: 2, name: /^Passed to .*customer service/ }).waitFor();
  await member.getByText(/told you how to reach/).waitFor();
  await screenshot(member, 'request-status-handed-off-390');
  await assertAccessible(member);
  await member.context().close();
  await advocate.context().close();
});
