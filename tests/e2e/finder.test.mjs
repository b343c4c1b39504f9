// The service finder end to end, at phone size, against the release server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, DESKTOP, launch, openPage, screenshot, assertAccessible, tabTo } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const url = (path) => new URL(path, BASE_URL).href;
const heading = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor();

test('a member completes the finder by keyboard alone and gets a reference', async () => {
  const page = await openPage(browser);
  await page.goto(url('find'));
  await heading(page, 'Who needs help?');
  await screenshot(page, 'finder-1-who-390');
  await assertAccessible(page);

  // Who: the first radio, then arrow down to "The employee's parent".
  await tabTo(page, 'input[name=who]');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('input[name=who]:checked').getAttribute('value'), 'parent');
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');

  // What kind of help: describe it, then take the best match.
  await heading(page, 'What do you need help with?');
  await tabTo(page, '#describe');
  await page.keyboard.type('secnod opinon on knee surgery');
  await page.getByRole('status').filter({ hasText: /match/ }).waitFor();
  await screenshot(page, 'finder-2-help-390');
  await assertAccessible(page);
  await tabTo(page, '.search__result');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Get a second opinion/);
  await page.keyboard.press('Enter');

  // The details that matter for a second opinion.
  await heading(page, 'Get a second opinion');
  await tabTo(page, 'input[name=plan]');
  await page.keyboard.press('ArrowDown'); // "No, another plan or no insurance"
  await tabTo(page, '#condition');
  await page.keyboard.type('Knee pain, surgery advised');
  await tabTo(page, '#zip');
  await page.keyboard.type('10001');
  await screenshot(page, 'finder-3-details-390');
  await assertAccessible(page);
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');

  // The outcome: who handles it, what to have ready, the ways on.
  await heading(page, 'Get a second opinion');
  await page.getByRole('heading', { name: 'An advocate will help you' }).waitFor();
  await page.getByText('Have these ready').waitFor();
  await screenshot(page, 'finder-4-outcome-390');
  await assertAccessible(page);
  await tabTo(page, 'a.button--primary');
  await page.keyboard.press('Enter');

  // The request form.
  await heading(page, 'How should an advocate contact you?');
  await tabTo(page, '#name');
  await page.keyboard.type('Ana Lopez');
  await tabTo(page, '#phone');
  await page.keyboard.type('555-201-4477');
  await tabTo(page, '#consent');
  await page.keyboard.press('Space');
  await screenshot(page, 'finder-5-contact-390');
  await assertAccessible(page);
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');

  // Confirmation with a reference that reads well over the phone.
  await heading(page, 'Request sent');
  const reference = await page.locator('.confirmation__reference strong').innerText();
  assert.match(reference, /^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
  await page.locator('#promise').filter({ hasText: /An advocate will call you/ }).waitFor();
  await screenshot(page, 'finder-6-done-390');
  await assertAccessible(page);
  // A reload keeps the confirmation.
  await page.reload();
  await heading(page, 'Request sent');
  assert.equal(await page.locator('.confirmation__reference strong').innerText(), reference);

  // The status, from the API, with the verifier this device kept.
  await page.getByRole('link', { name: 'check its status' }).click();
  await heading(page, `Your request ${reference}`);
  await page.getByRole('heading', { name: 'Received' }).waitFor();
  await screenshot(page, 'request-status-390');
  await assertAccessible(page);
  assert.deepEqual(page.errors, []);

  // Another device (a fresh browser context) cannot see it from the reference alone.
  const stranger = await openPage(browser);
  await stranger.goto(url(`requests/${reference}`));
  await heading(stranger, 'We cannot show this request on this device');
  await stranger.context().close();
  await page.context().close();
});

test('a link from an advocate opens at a step with the answers filled in', async () => {
  const page = await openPage(browser);
  await page.goto(url('find/details?who=parent&area=clinical&service=second-opinion&plan=other-plan&condition=Knee+pain&zip=10001'));
  await heading(page, 'Get a second opinion');
  assert.equal(await page.locator('#condition').inputValue(), 'Knee pain');
  assert.equal(await page.locator('#zip').inputValue(), '10001');
  assert.equal(await page.getByLabel('No, another plan or no insurance').isChecked(), true);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'An advocate will help you' }).waitFor();
  await page.context().close();
});

test('back and reload keep the answers', async () => {
  const page = await openPage(browser);
  await page.goto(url('find?who=child'));
  await heading(page, 'Who needs help?');
  assert.equal(await page.locator('input[name=who]:checked').getAttribute('value'), 'child');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'What do you need help with?');
  await page.getByRole('link', { name: /Costs and bills/ }).click();
  await heading(page, 'Costs and bills');
  await page.getByLabel('Check a bill for mistakes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Check a bill for mistakes');
  await page.getByLabel('No, another plan or no insurance').check();
  await page.locator('#amount').fill('1,250.00');
  await page.getByLabel(/Not covered at all/).check();
  await page.reload();
  await heading(page, 'Check a bill for mistakes');
  assert.equal(await page.locator('#amount').inputValue(), '1,250.00');
  assert.equal(await page.getByLabel(/Not covered at all/).isChecked(), true);
  await page.getByRole('button', { name: 'Continue' }).click();
  // $1,250 not covered: Medical Bill Saver is offered.
  await page.getByText(/can go to Medical Bill Saver/).waitFor();
  await page.goBack();
  await heading(page, 'Check a bill for mistakes');
  assert.equal(await page.locator('#amount').inputValue(), '1,250.00');
  await page.goBack();
  await heading(page, 'Costs and bills');
  assert.equal(await page.locator('input[name=service]:checked').getAttribute('value'), 'bill-review');
  await page.context().close();
});

test('field errors appear beside the field and in a summary', async () => {
  const page = await openPage(browser);
  await page.goto(url('find/details?who=employee&area=medical-bill-saver&service=medical-bill-saver'));
  await heading(page, /Lower a bill/);
  await page.locator('#amount').fill('12.345');
  await page.locator('#amount-error').filter({ hasText: 'dollars and cents' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), true);
  await summary.getByText(/Say what the health plan did with the bill/).waitFor();
  await screenshot(page, 'finder-errors-390');
  await assertAccessible(page);
  await page.context().close();
});

test('a sibling is told kindly that they are not eligible', async () => {
  const page = await openPage(browser);
  await page.goto(url('find'));
  await page.getByLabel("The employee's brother or sister").check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'This service cannot help them');
  await page.getByText(/We are sorry: this service is only for employees/).waitFor();
  await page.getByRole('heading', { name: 'What they can do instead' }).waitFor();
  await screenshot(page, 'finder-not-eligible-390');
  await assertAccessible(page);
  await page.context().close();
});

test('a clinical request under the carrier plan puts the carrier first and an advocate hands it off', async () => {
  const page = await openPage(browser);
  await page.goto(url('find/outcome?who=employee&area=clinical&service=prescriptions&plan=carrier-plan'));
  await page.getByRole('heading', { name: "Cigna's customer service handles this" }).waitFor();
  await page.getByText(/member services number on your Cigna ID card/).first().waitFor();
  // The main action is not "an advocate will contact me": the advocate passes it on.
  assert.equal(await page.locator('a.button--primary').filter({ hasText: /Ask an advocate to contact me/ }).count(), 0);
  await screenshot(page, 'finder-outcome-carrier-390');
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Ask an advocate to pass it on' }).click();
  await heading(page, 'How should an advocate contact you?');
  await page.fill('#name', 'Lee Chan');
  await page.fill('#phone', '555-201-4477');
  await page.locator('#consent').check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await heading(page, 'Request sent');
  await page.locator('#promise').filter({ hasText: /will pass your request to Cigna's customer service/ }).waitFor();
  await page.getByRole('link', { name: 'check its status' }).click();
  await page.getByRole('heading', { name: 'Waiting to be passed to Cigna' }).waitFor();
  await screenshot(page, 'request-status-handoff-390');
  await assertAccessible(page);
  await page.context().close();
});

test('a crisis phrase gets 911 and 988 first and no service; an ordinary one gets services', async () => {
  const page = await openPage(browser);
  await page.goto(url('find/help?who=employee'));
  await heading(page, 'What do you need help with?');
  await page.locator('#describe').fill('I want to kill myself');
  const notice = page.locator('.safety');
  await notice.waitFor();
  await notice.getByRole('link', { name: 'Call 988' }).waitFor();
  await notice.getByRole('link', { name: 'Call 911' }).waitFor();
  assert.equal(await page.locator('.search__result').count(), 0, 'no billing or cost service is suggested');
  const noticeTop = (await notice.boundingBox()).y;
  assert.ok(noticeTop < 844, 'the notice is on the first screen of a 390 px phone');
  await screenshot(page, 'finder-crisis-390');
  await assertAccessible(page);
  await page.locator('#describe').fill('chest pain');
  await notice.waitFor();
  assert.equal(await page.locator('.search__result').count(), 0, 'no acupuncture or massage for chest pain');
  await page.locator('#describe').fill('bill for my heart surgery');
  await page.locator('.search__result').first().waitFor();
  assert.equal(await page.locator('.safety').count(), 0);
  await page.context().close();
});

test('the time of day the member chose is in the confirmation', async () => {
  const page = await openPage(browser);
  await page.goto(url('find/contact?who=parent&area=clinical&service=second-opinion&plan=other-plan&condition=Knee+pain&zip=10001'));
  await heading(page, 'How should an advocate contact you?');
  await page.fill('#name', 'Ana Lopez');
  await page.fill('#phone', '555-201-4477');
  await page.getByLabel(/Afternoon, noon to 5:00 pm ET/).check();
  await page.locator('#consent').check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await heading(page, 'Request sent');
  await page.locator('#promise').filter({ hasText: /An advocate will call you/ }).filter({ hasText: /5:00 pm ET/ }).waitFor();
  await page.getByText(/You asked to be reached: afternoon, noon to 5:00 pm et/i).waitFor();
  await screenshot(page, 'finder-done-afternoon-390');
  // The start page links the request sent from this device.
  await page.goto(url(''));
  await page.getByRole('link', { name: /Get a second opinion/ }).waitFor();
  await page.context().close();
});
