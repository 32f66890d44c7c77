// The report and the checks kept on the phone (issue 14): Share report puts a report on the
// clipboard (Chromium here has no Web Share) or hands it to the share sheet; a finished check is
// listed in "Your checks" after a reload, opens its report and can be deleted; a repeat is noticed;
// damaged stored data and a full storage leave the app working and the other checks intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, phonePage, root } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const shotsDir = path.join(root, 'shots');
async function shot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

const PREFIX = 'blink-doctor.check.';
const DAY = 86400000;
/** A stored check as the app writes it (format version 1). */
const line = ({ id, model, causes, answers = '', led = '-', outcome = 'open' }) =>
  `1|${id}|60|${model}|${led}|${answers}|${causes}||${outcome}|0.1.0`;

/** A fresh start at `path`, the app up (a navigation while the wasm still loads logs an abort). */
async function fresh(page, path = '/') {
  await page.goto(`${server.url}/`);
  await page.locator('main h1').waitFor();
  await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
  await page.goto(`${server.url}${path}`);
  await page.locator('main h1').waitFor();
}

const entries = (page) => page.locator('[data-testid=history-entry]');

test('after a camera diagnosis, Share report copies a report naming the model and the reading; a repeat is noticed', async () => {
  const browser = await launch({ video: 'low-battery' });
  try {
    const page = await phonePage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    // This Chromium has no share sheet; make sure of it, so the clipboard is what is tested.
    await page.addInitScript(() => { delete Navigator.prototype.share; });
    await fresh(page);
    // The same cause on the same camera model 3 days ago.
    const earlier = Date.now() - 3 * DAY;
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PREFIX + earlier, line({ id: earlier, model: 'xt2', causes: 'low-battery=870;no-internet=60' })]);
    await page.goto(`${server.url}/?model=xt2&source=camera`);
    const diagnosis = page.locator('[data-testid=diagnosis]');
    await diagnosis.waitFor({ timeout: 45000 });
    assert.equal(await diagnosis.getAttribute('data-cause'), 'low-battery');
    assert.match(await page.locator('[data-testid=repeat]').textContent(), /^Also found on \d+ [A-Z][a-z]{2}: Low batteries/);

    await page.locator('[data-testid=share-report]').click();
    const status = page.locator('[data-testid=share-status]');
    await page.waitForFunction(() => document.querySelector('[data-testid=share-status]')?.textContent.length > 0);
    assert.match(await status.textContent(), /^Copied/);
    assert.ok(await status.isVisible(), '"Copied" is visible');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Blink Doctor report: Blink XT2$/m);
    assert.match(copied, /^Camera reading: 6 red flashes right after a blue light$/m);
    assert.match(copied, /reading confidence \d+ %/);
    assert.match(copied, /^1\. Low batteries: /m);
    assert.match(copied, /^Outcome: not finished \(no fix step done yet\)$/m);
    assert.doesNotMatch(copied, /low-battery|xt2/, 'names, not ids');
    await shot(page, 'diagnosis-share-copied');

    // The walkthrough's screens have the button too; support shows the report and how to reach Blink.
    await page.locator('[data-testid=start-fix]').click();
    await page.locator('[data-testid=fix-step]').waitFor();
    assert.equal(await page.locator('[data-testid=share-report]').count(), 1);
    for (let i = 0; i < 30 && await page.locator('[data-testid=support]').count() === 0; i++) {
      await page.locator('[data-testid=next-cause]').click();
    }
    await page.locator('[data-testid=support]').waitFor();
    const contact = await page.locator('[data-testid=support-contact]').textContent();
    assert.match(contact, /support\.blinkforhome\.com/);
    assert.match(contact, /Blink app/);
    const report = page.locator('[data-testid=report]');
    assert.ok(await report.isVisible(), 'the support screen shows the report');
    const text = await report.textContent();
    assert.match(text, /^Steps done:$/m);
    assert.match(text, /^Outcome: not fixed by these steps: contacting Blink support$/m);
    assert.match(text, /not done: moved on to the next likely cause/);
    await page.locator('[data-testid=share-report]').click();
    await page.waitForFunction(() => /^Copied/.test(document.querySelector('[data-testid=share-status]')?.textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
    await shot(page, 'support');
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.requests.filter((u) => !u.startsWith(server.url) && !/^(data|blob):/.test(u)), [], 'requests left the origin');
  } finally { await browser.close(); }
});

test('where the phone has a share sheet, the report goes there', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.addInitScript(() => {
      Navigator.prototype.share = function (data) { window.sharedData = data; return Promise.resolve(); };
    });
    await fresh(page, '/?model=mini&screen=questions');
    await page.locator('[data-answer=blinking-red]').click();
    await page.locator('[data-testid=diagnosis]').waitFor();
    await page.locator('[data-testid=share-report]').click();
    await page.waitForFunction(() => window.sharedData);
    const shared = await page.evaluate(() => window.sharedData);
    assert.equal(shared.title, 'Blink Doctor report: Blink Mini');
    assert.match(shared.text, /^Camera reading: none \(diagnosed from answers\)$/m);
    assert.match(shared.text, /^- .+ Keeps blinking red$/m);
    assert.match(await page.locator('[data-testid=share-status]').textContent(), /^Shared/);
  } finally { await browser.close(); }
});

test('a check is listed in Your checks after a reload, opens its report, and can be deleted one by one or all at once', async () => {
  const browser = await launch({ video: 'no-internet' });
  try {
    const page = await phonePage(browser);
    await fresh(page);
    const older = Date.now() - 40 * DAY;
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PREFIX + older, line({ id: older, model: 'mini', causes: 'no-internet=640;unknown=200', answers: 'light=blinking-red', outcome: 'fixed:no-internet' })]);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=diagnosis]').waitFor({ timeout: 45000 });
    assert.equal(await page.locator('[data-testid=repeat]').count(), 0, 'another model, 40 days ago: no repeat');
    await page.reload();
    await page.locator('[data-testid=diagnosis]').waitFor();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid=open-checks]').click();
    await entries(page).first().waitFor();
    assert.equal(await entries(page).count(), 2);
    // Newest first: this check, then the older one; each names the model and the reading.
    const first = entries(page).nth(0);
    assert.equal(await first.getAttribute('data-model'), 'outdoor');
    assert.match(await first.textContent(), /Blink Outdoor/);
    assert.match(await first.textContent(), /a red light blinking about every/);
    assert.match(await first.textContent(), /Not finished/);
    assert.match(await entries(page).nth(1).textContent(), /Blink Mini.*No camera reading.*Fixed/s);
    await shot(page, 'history');

    await first.locator('[data-testid=open-check]').click();
    const report = page.locator('[data-testid=check-report] [data-testid=report]');
    await report.waitFor();
    assert.match(await report.textContent(), /^Blink Doctor report: Blink Outdoor$/m);
    assert.match(await page.locator('main h1').textContent(), /^Blink Outdoor on \d+ [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/);
    await shot(page, 'report');
    // Back returns to the list; the report's own Delete removes it.
    await page.goBack();
    await entries(page).first().waitFor();
    await page.goForward();
    await page.locator('[data-testid=delete-check]').click();
    await entries(page).first().waitFor();
    assert.equal(await entries(page).count(), 1);
    assert.equal(await entries(page).first().getAttribute('data-model'), 'mini');
    await page.reload();
    // The app starts after the first paint, which may come after the load event: wait for it.
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    assert.equal(await entries(page).count(), 1, 'deleted for good');
    await page.locator('[data-testid=delete-entry]').click();
    await page.locator('[data-testid=no-checks]').waitFor();
    assert.equal(await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).length, PREFIX), 0);
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('delete all asks first, then removes every check, unreadable ones too', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page);
    const now = Date.now();
    await page.evaluate(([p, a, b]) => {
      localStorage.setItem(p + a[0], a[1]);
      localStorage.setItem(p + b[0], b[1]);
      localStorage.setItem(p + '99', 'garbage');
      localStorage.setItem('blink-doctor.last-model', 'mini');
    }, [PREFIX, [now - DAY, line({ id: now - DAY, model: 'mini', causes: 'no-internet=640' })], [now - 2 * DAY, line({ id: now - 2 * DAY, model: 'xt', causes: 'low-battery=640' })]]);
    await page.goto(`${server.url}/?screen=checks`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    assert.equal(await entries(page).count(), 2);
    await page.locator('[data-testid=delete-all]').click();
    await page.locator('[data-testid=confirm-delete-all]').click();
    await page.locator('[data-testid=no-checks]').waitFor();
    const left = await page.evaluate(() => Object.keys(localStorage));
    assert.deepEqual(left, ['blink-doctor.last-model'], 'other settings stay');
  } finally { await browser.close(); }
});

test('damaged or unknown stored checks are ignored: the app works and the other checks stay', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page);
    const now = Date.now();
    const good = line({ id: now - DAY, model: 'xt2', causes: 'low-battery=880;no-internet=50', led: 'burst,red,6,blue,-,-,12000,930' });
    const damaged = {
      [PREFIX + (now - 2 * DAY)]: '{"this": "is not a check"}',
      [PREFIX + (now - 3 * DAY)]: good.slice(0, 25),
      [PREFIX + (now - 4 * DAY)]: good.replace(/^1\|/, '7|'),
      [PREFIX + 'not-a-number']: good,
      [PREFIX + (now - 5 * DAY)]: good, // a check under another check's key
      [PREFIX + (now - 6 * DAY)]: good.replace('burst,', 'wobble,'),
    };
    await page.evaluate(([k, v, more]) => { localStorage.setItem(k, v); for (const [a, b] of Object.entries(more)) localStorage.setItem(a, b); }, [PREFIX + (now - DAY), good, damaged]);
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid=open-checks]').click();
    await entries(page).first().waitFor();
    assert.equal(await entries(page).count(), 1, 'only the readable check is listed');
    assert.match(await entries(page).first().textContent(), /Blink XT2.*6 red flashes right after a blue light/s);
    // A new check is kept beside it, and nothing stored is lost.
    await page.goto(`${server.url}/?model=outdoor&screen=questions`);
    await page.locator('[data-answer=blinking-red]').click();
    await page.locator('[data-testid=diagnosis]').waitFor();
    await page.goto(`${server.url}/?screen=checks`);
    await entries(page).nth(1).waitFor();
    assert.deepEqual(await entries(page).evaluateAll((els) => els.map((e) => e.dataset.model)), ['outdoor', 'xt2']);
    const stored = await page.evaluate(() => ({ ...localStorage }));
    assert.equal(stored[PREFIX + (now - DAY)], good, 'the good check is untouched');
    for (const [k, v] of Object.entries(damaged)) assert.equal(stored[k], v, `${k} left as it was`);
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('a full storage is said, and the report can still be shared', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.addInitScript(() => { delete Navigator.prototype.share; });
    await fresh(page);
    // Fill this origin's storage with something else until it refuses more.
    const filled = await page.evaluate(() => {
      let size = 1 << 20, i = 0;
      while (size >= 16) {
        try { localStorage.setItem('filler.' + i++, 'x'.repeat(size)); } catch { size >>= 1; }
      }
      return i;
    });
    assert.ok(filled > 2);
    await page.goto(`${server.url}/?model=outdoor&screen=questions`);
    await page.locator('[data-answer=blinking-red]').click();
    await page.locator('[data-testid=diagnosis]').waitFor();
    assert.match(await page.locator('[data-testid=not-kept]').textContent(), /could not be kept/);
    await page.locator('[data-testid=share-report]').click();
    await page.waitForFunction(() => /^Copied/.test(document.querySelector('[data-testid=share-status]')?.textContent));
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /Blink Outdoor/);
    // Room again: the next change is kept.
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler.')) localStorage.removeItem(k); });
    await page.locator('[data-testid=question] [data-answer]').first().click();
    await page.goto(`${server.url}/?screen=checks`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
    assert.equal(await entries(page).count(), 1);
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

for (const colorScheme of ['light', 'dark']) {
  test(`Your checks and a report: no accessibility violations, unique names, nothing sideways at 320 px (${colorScheme})`, async () => {
    const axe = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const browser = await launch();
    try {
      const page = await phonePage(browser, { bypassCSP: true, colorScheme, width: 320 });
      await fresh(page);
      const now = Date.now();
      await page.evaluate(([p, a, b]) => { localStorage.setItem(p + a[0], a[1]); localStorage.setItem(p + b[0], b[1]); },
        [PREFIX, [now - DAY, line({ id: now - DAY, model: 'sync-module-2', causes: 'sync-reconnecting=640', led: 'steady,blue,0,-,-,-,20000,500,blinking:green:1250' })],
          [now - 2 * DAY, line({ id: now - 2 * DAY, model: 'video-doorbell', causes: 'doorbell-online=640', answers: 'light=blinking-red', outcome: 'support' })]]);
      const check = async (name) => {
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0].target})`));
        assert.deepEqual(result, [], `${name}: ${result.join(', ')}`);
        const names = await page.evaluate(() => [...document.querySelectorAll('button, a[href], summary')]
          .filter((e) => e.offsetParent !== null).map((e) => (e.getAttribute('aria-label') || e.textContent).replace(/\s+/g, ' ').trim()));
        assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], `${name}: unique names`);
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        assert.ok(scroll <= client, `${name}: ${scroll} px wide in ${client} px`);
        await shot(page, `320-${colorScheme}-${name}`);
      };
      await page.goto(`${server.url}/?screen=checks`);
      await entries(page).nth(1).waitFor();
      assert.match(await entries(page).first().textContent(), /a steady blue light, beside it a green light blinking/);
      await check('checks');
      await entries(page).first().locator('[data-testid=open-check]').click();
      await page.locator('[data-testid=check-report]').waitFor();
      assert.match(await page.locator('[data-testid=report]').textContent(), /Also lit beside it: a green light blinking about every 1\.2 s/);
      await check('report');
    } finally { await browser.close(); }
  });
}
