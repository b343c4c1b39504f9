// The bill check end to end at phone size: a CSV with a duplicate charge → the finding with its
// amount, read and reviewed on the device; a typed bill checked against prices for a ZIP code;
// a photo read on the server once the member agrees; a file that is not a bill refused; then on to
// an advocate with the amount filled in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, SUBPATH_URL, launch, openPage, screenshot, assertAccessible, tabTo } from './support.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const url = (path) => new URL(path, BASE_URL).href;

// The bills drawn for this run by `cargo xtask test` (crates/bill-corpus), and what they hold.
const BILLS = process.env.ADVOCATE_E2E_BILLS;
const bills = () => {
  assert.ok(BILLS, 'ADVOCATE_E2E_BILLS names the folder of generated bills (cargo xtask test sets it)');
  return JSON.parse(readFileSync(join(BILLS, 'manifest.json'), 'utf8'));
};

const CSV = [
  'Date of Service,CPT,Description,Units,Charges',
  '03/01/2025,99284,Emergency room visit,1,"$1,450.00"',
  '03/01/2025,85025,Complete blood count,1,$65.00',
  '03/01/2025,85025,Complete blood count,1,$65.00',
  '03/01/2025,71046,Chest x-ray 2 views,1,$380.00',
].join('\n');

test('a CSV bill with a duplicate charge is read and reviewed on the device', async () => {
  const page = await openPage(browser);
  const sent = [];
  page.on('request', (request) => { if (request.method() === 'POST') sent.push(request.url()); });
  await page.goto(url('bill'));
  await page.getByRole('heading', { level: 1, name: 'Check a medical bill' }).waitFor();
  await screenshot(page, 'bill-1-start-390');
  await assertAccessible(page);

  await page.setInputFiles('#bill-file', { name: 'itemized.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByText('Read 4 charges from the file').waitFor();
  assert.equal(await page.inputValue('#line-2-code'), '85025');
  assert.equal(await page.inputValue('#line-0-charge'), '1,450.00');
  await page.getByLabel(/Not covered at all/).check();
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');

  const results = page.locator('.review');
  await results.getByRole('heading', { name: 'What we found' }).waitFor();
  const duplicate = results.locator('.finding').filter({ hasText: 'Charged twice' });
  await duplicate.waitFor();
  assert.match(await duplicate.textContent(), /\$65\.00 at stake/);
  assert.match(await duplicate.textContent(), /lines 2 and 3/);
  assert.match(await results.textContent(), /can go to Medical Bill Saver/);
  assert.deepEqual(sent, [], 'nothing was sent: the review ran on the device');
  // The letters: the dispute lists the finding, ready to copy or print.
  const dispute = results.locator('details.letter').filter({ hasText: 'Dispute the charges found' });
  await dispute.locator('summary').click();
  assert.match(await dispute.locator('.letter__text').textContent(), /1\. Charged twice[^\n]*\(lines 2 and 3\)/);
  // The letter carries the same figure as the page, each charge counted once.
  const atStake = (await results.locator('.review__summary').textContent()).match(/\$[\d,]+\.\d\d/)[0];
  const letter = await dispute.locator('.letter__text').textContent();
  assert.ok(letter.includes(`In all, up to ${atStake} is in question`), `the page says ${atStake}; the letter: ${letter}`);
  await screenshot(page, 'bill-2-findings-390');
  await assertAccessible(page);

  // On to an advocate, with the need and the amount filled in, and the bill carried along.
  await results.getByRole('link', { name: 'Send to an advocate' }).click();
  await page.getByRole('heading', { level: 1, name: 'Who needs help?' }).waitFor();
  assert.match(page.url(), /service=medical-bill-saver/);
  assert.match(page.url(), /amount=1%2C960\.00|amount=1,960\.00/);
  await page.locator('#who-0').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Straight to the details, already answered from the bill.
  await page.getByRole('heading', { level: 1, name: /Medical Bill Saver/ }).waitFor();
  await page.getByLabel('No, another plan or no insurance').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Ask an advocate to contact me' }).click();
  await page.getByRole('heading', { level: 1, name: 'How should an advocate contact you?' }).waitFor();
  const carried = page.locator('.notice').filter({ hasText: 'Your bill goes with this request' });
  assert.match(await carried.textContent(), /4 charges \(\$1,960\.00\)/);
  await page.fill('#name', 'Ana Lopez');
  await page.fill('#phone', '555-201-4477');
  await page.locator('#consent').check();
  await screenshot(page, 'bill-6-request-with-bill-390');
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Send request' }).click();

  // The confirmation sends the bill once the request has its reference.
  await page.getByRole('heading', { level: 1, name: 'Request sent' }).waitFor();
  const reference = await page.locator('.confirmation__reference strong').innerText();
  await page.getByText('Your bill is with your request: 4 charges.').waitFor();
  await page.getByText(/keeps it, encrypted, until \w+ \d+, \d{4}/).waitFor();
  await screenshot(page, 'bill-7-sent-with-request-390');
  await assertAccessible(page);

  // The request's status page shows it too; the member can delete it there.
  await page.goto(url(`requests/${reference}`));
  await page.getByRole('heading', { name: 'Your bill' }).waitFor();
  await page.getByRole('button', { name: 'Delete the bill now' }).click();
  await page.getByRole('button', { name: 'Yes, delete the bill' }).click();
  await page.getByText('Your bill was deleted from Advocate.').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Received' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Your bill' }).count(), 0);
  assert.deepEqual(page.errors, []);
});

test('on the device, the daily unit limits are checked, even when the check is made before they arrive', async () => {
  const page = await openPage(browser);
  const sent = [];
  page.on('request', (request) => { if (request.method() === 'POST') sent.push(request.url()); });
  // A slow connection: the limits arrive after the member has pressed Check.
  await page.route('**/api/unit-limits', async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.fulfill({ response });
  });
  await page.goto(url('bill'));
  await page.getByRole('heading', { level: 1, name: 'Check a medical bill' }).waitFor();
  // A comprehensive metabolic panel is one a day (CMS's MUE); three is a finding.
  const csv = ['Date of Service,CPT,Description,Units,Charges', '03/01/2025,80053,Metabolic panel,3,$240.00'].join('\n');
  await page.setInputFiles('#bill-file', { name: 'itemized.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByText('Read 1 charge from the file').waitFor();
  await page.getByLabel(/Not covered at all/).check();
  await page.locator('button[type=submit]').click();
  const results = page.locator('.review');
  await results.getByRole('heading', { name: 'What we found' }).waitFor();
  await results.locator('.finding').filter({ hasText: 'More units than one patient usually gets in a day' }).waitFor();
  assert.deepEqual(sent, [], 'nothing was sent: the review ran on the device');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a typed bill is checked against usual prices for a ZIP code, and mistakes are explained beside the field', async () => {
  const page = await openPage(browser);
  await page.goto(url('bill'));
  await page.getByRole('heading', { level: 1, name: 'Check a medical bill' }).waitFor();
  // Typed key by key, as a person does: the field keeps its focus and every letter.
  await page.click('#line-0-description');
  await page.keyboard.type('MRI knee');
  assert.equal(await page.inputValue('#line-0-description'), 'MRI knee');
  await page.fill('#line-0-code', '73721');
  await page.fill('#line-0-charge', 'lots');
  await page.getByRole('button', { name: 'Check the bill' }).click();
  await page.locator('.error-summary').waitFor();
  await page.locator('#line-0-charge-error').waitFor();
  await page.locator('#coverage-error').filter({ hasText: 'Say what the health plan did' }).waitFor();
  assert.equal(await page.getAttribute('#line-0-charge', 'aria-describedby'), 'line-0-charge-error');
  await page.locator('#coverage-1').check();
  await page.fill('#line-0-charge', '3,200');
  await page.fill('#zip', '35203');
  await page.getByRole('button', { name: 'Check the bill' }).click();
  const lead = page.locator('.finding').filter({ hasText: 'Far above the usual price' });
  await lead.waitFor();
  assert.match(await lead.textContent(), /times what Medicare pays for it here/);
  await screenshot(page, 'bill-3-benchmark-390');
  await assertAccessible(page);
  assert.deepEqual(page.errors, []);
});

test('phone photos of a multi-page hospital bill are read on the server after the member agrees, a line is corrected, and the duplicate is found', async () => {
  // Photos of a generated hospital itemization, one per page (xtask draws them with the corpus
  // generator: slant, blur, noise and uneven light).
  const { photos: photo } = bills();
  const page = await openPage(browser);
  // The last page's reading is held back until the member has pressed "Check the bill", to see
  // that the check waits for every page rather than leaving the last one's charges out.
  assert.ok(photo.files.length >= 2, 'a multi-page bill');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let uploads = 0;
  await page.route('**/api/bills/read', async (route) => {
    uploads += 1;
    if (uploads === photo.files.length) await held;
    await route.continue();
  });
  await page.goto(url('bill'));
  await page.setInputFiles('#bill-file', photo.files.map((file) => join(BILLS, file)));
  // Nothing is sent until the member chooses to.
  const send = page.getByRole('button', { name: 'Send to be read' });
  await send.waitFor();
  await screenshot(page, 'bill-4-photo-consent-390');
  await assertAccessible(page);
  await send.click();
  // The upload's progress, then the reading, page after page.
  await page.locator('#upload-progress').waitFor();
  await page.getByText(/Read \d+ charges? from page 1/).waitFor({ timeout: 180_000 });
  const codes = await page.locator('input[id$="-code"]').evaluateAll((inputs) => inputs.map((i) => i.value));
  const found = photo.codes.filter((code) => codes.includes(code)).length;
  assert.ok(found >= photo.codes.length * 0.9, `read ${codes.join(' ')}; printed ${photo.codes.join(' ')}`);
  // OCR can misread: every line is editable, and shows the row it was read from.
  assert.match(await page.locator('.printed-row').first().textContent(), /On the bill, page 1: /);
  // The member corrects what was misread. The pair billed twice must end up as two lines: when
  // OCR could not read one of them completely, it is listed under "Check these rows", and the
  // member adds it and fills in what is missing from the bill (here, from its twin).
  const dup = photo.duplicate;
  const field = (i, name) => page.inputValue(`#line-${i}-${name}`);
  const twins = [];
  for (const [i, code] of codes.entries()) {
    if (code === dup.code && Math.round(Number((await field(i, 'charge')).replace(/[$,]/g, '')) * 100) === dup.cents) twins.push(i);
  }
  if (twins.length >= 2) {
    const corrected = codes.findLastIndex((code) => code !== dup.code);
    await page.fill(`#line-${corrected}-charge`, '12.00');
    assert.equal(await page.inputValue(`#line-${corrected}-charge`), '12.00');
  } else {
    assert.equal(twins.length, 1, `one ${dup.code} line read at least: ${codes.join(' ')}`);
    const row = page.locator('.rows-to-check__row').filter({ hasText: dup.code });
    const printed = await row.locator('.printed-row').textContent();
    await row.getByRole('button', { name: /Add as a charge/ }).click();
    const added = (await page.locator('input[id$="-code"]').count()) - 1;
    // What the row does print is filled in already: its code, and its charge when it reads.
    assert.equal(await field(added, 'code'), dup.code, printed);
    const amount = (dup.cents / 100).toFixed(2);
    if (printed.includes(`$${amount}`)) assert.equal(await field(added, 'charge'), amount, printed);
    for (const name of ['date', 'description', 'units']) await page.fill(`#line-${added}-${name}`, await field(twins[0], name));
    await page.fill(`#line-${added}-code`, dup.code);
    await page.fill(`#line-${added}-charge`, (dup.cents / 100).toFixed(2));
  }
  await screenshot(page, 'bill-5-photo-read-390');
  await page.getByLabel(/Not covered at all/).check();
  await page.getByRole('button', { name: 'Check the bill' }).click();
  // The last page is still being read: the check waits for it, and says so.
  await page.locator('#check-note').getByText('The bill is checked as soon as every page has been read.').waitFor();
  const results = page.locator('.review');
  assert.equal(await results.count(), 0, 'no findings before every page is read');
  await screenshot(page, 'bill-5a-photo-check-waits-390');
  release();
  await results.getByRole('heading', { name: 'What we found' }).waitFor({ timeout: 180_000 });
  assert.equal(await page.locator('#upload-progress').count(), 0, 'every page was read before the check');
  await page.getByText(new RegExp(`Read \\d+ charges? from page ${photo.files.length}`)).waitFor();
  assert.equal(await page.locator('#check-note p').count(), 0, 'the note goes once the check has run');
  // "Charged twice" when both lines were read whole; "The same service more than once on one
  // day" when the member typed one in (the form does not show a read line's revenue code, so the
  // two are not identical lines): either way, the finding names the code billed twice.
  const twice = results.locator('.finding').filter({ hasText: /Charged twice|The same service more than once on one day/ }).filter({ hasText: dup.code });
  await twice.first().waitFor();
  await screenshot(page, 'bill-5b-photo-duplicate-390');
  assert.deepEqual(page.errors, []);
});

test('a PDF with a text layer is read on the device: nothing is sent', async () => {
  const { text_pdf: pdf } = bills();
  const page = await openPage(browser);
  const sent = [];
  page.on('request', (request) => { if (request.method() !== 'GET') sent.push(request.url()); });
  await page.goto(url('bill'));
  await page.setInputFiles('#bill-file', join(BILLS, pdf.file));
  await page.getByText(new RegExp(`Read ${pdf.charges} charges from page 1`)).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('button', { name: 'Send to be read' }).count(), 0, 'no consent needed: it stays here');
  assert.deepEqual(sent, [], 'the PDF was read in the browser');
  await screenshot(page, 'bill-8-text-pdf-390');
  assert.deepEqual(page.errors, []);
});

test('an X12 claim is read on the device by the bill readers\' worker, under a base path, and nothing is sent', async () => {
  assert.ok(SUBPATH_URL, 'ADVOCATE_SUBPATH_URL names the server under a base path (cargo xtask test sets it)');
  const page = await openPage(browser);
  const sent = [];
  const scripts = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET') sent.push(request.url());
    if (request.url().includes('advocate-bill-reader')) scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(new URL('bill', SUBPATH_URL).href);
  await page.getByRole('heading', { level: 1, name: 'Check a medical bill' }).waitFor();
  assert.deepEqual(scripts, [], 'the readers are not loaded with the page');
  const claim = readFileSync(new URL('../../testdata/x12/837_005010X222A2__demo.autoaccident.837', import.meta.url));
  await page.setInputFiles('#bill-file', { name: 'claim.837', mimeType: 'text/plain', buffer: claim });
  await page.getByText('Read 2 charges from the file').waitFor();
  assert.equal(await page.inputValue('#line-0-code'), '99201');
  assert.equal(await page.inputValue('#line-1-charge'), '35.00');
  // The worker's versioned script and wasm, from under the base path.
  assert.ok(scripts.some((p) => /^\/benefits\/advocate\/advocate-bill-reader-[0-9a-f]{16}\.js$/.test(p)), JSON.stringify(scripts));
  assert.ok(scripts.some((p) => /^\/benefits\/advocate\/advocate-bill-reader-[0-9a-f]{16}_bg\.wasm$/.test(p)), JSON.stringify(scripts));
  assert.deepEqual(sent, [], 'nothing was sent: the claim was read on the device');
  assert.deepEqual(page.errors, []);
});

test('when the bill readers\' worker cannot load, the member is told to try again or type the charges, and the next try works', async () => {
  const page = await openPage(browser);
  let refuse = true;
  await page.route('**/advocate-bill-reader-*', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(url('bill'));
  await page.setInputFiles('#bill-file', { name: 'itemized.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByText('This file could not be read on this device just now. Try again, or type the charges below.').waitFor();
  await screenshot(page, 'bill-10-reader-unavailable-390');
  // Nothing was put in the charges; the member can still type them.
  assert.equal(await page.inputValue('#line-0-code'), '');
  // Once the connection is back, choosing the file again starts a new worker.
  refuse = false;
  await page.setInputFiles('#bill-file', []);
  await page.setInputFiles('#bill-file', { name: 'itemized.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByText('Read 4 charges from the file').waitFor();
  assert.equal(await page.inputValue('#line-2-code'), '85025');
  // The failed loads are the browser's own messages about the refused script; nothing else.
  assert.deepEqual(page.errors.filter((e) => !/advocate-bill-reader|net::ERR_INTERNET_DISCONNECTED/.test(e)), []);
});

test('a statement whose charges do not add up to its total says a charge may be missing, before any finding', async () => {
  // A generated lab bill whose last column is printed past the page's edge, which pdf.js does not
  // give: what is read on the device falls short of the total the bill states.
  const { lab_pdf: lab } = bills();
  const page = await openPage(browser);
  await page.goto(url('bill'));
  await page.setInputFiles('#bill-file', join(BILLS, lab.file));
  const stated = (lab.stated_total_cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
  const notice = page.getByText(`We may have missed a charge: the bill's total is ${stated}, the charges we read add up to $`).first();
  await notice.waitFor({ timeout: 30_000 });
  // Said above the charges, where the member checks them.
  const charges = page.getByRole('heading', { name: 'The charges' });
  assert.ok((await notice.boundingBox()).y < (await charges.boundingBox()).y);
  await screenshot(page, 'bill-9-total-differs-390');
  await assertAccessible(page);
  assert.deepEqual(page.errors, []);
});

test('a file that is not a bill is refused with what to try instead', async () => {
  const page = await openPage(browser);
  await page.goto(url('bill'));
  await page.setInputFiles('#bill-file', { name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004\u0000\u0000 a zip named bill.pdf') });
  await page.getByRole('button', { name: 'Send to be read' }).click();
  await page.getByText('This is not a photo (JPEG or PNG) or a PDF').waitFor();
  assert.deepEqual(page.errors.filter((e) => !/status of 422/.test(e)), []);
});
