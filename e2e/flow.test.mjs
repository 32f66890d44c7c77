// Whole flows through the deep link with the fake camera: each video must end in the right
// pattern and diagnosis; the questions-only path; the fix walkthrough; accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, phonePage, screenshot, root } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const cases = [
  { video: 'no-internet', model: 'outdoor', pattern: 'blinking', colour: 'red', cause: 'no-internet' },
  { video: 'low-battery', model: 'xt2', pattern: 'burst', colour: 'red', flashes: '6', cause: 'low-battery' },
  { video: 'motion', model: 'indoor', pattern: 'flash', colour: 'red', cause: 'motion' },
  { video: 'nothing', model: 'mini', pattern: 'none', cause: 'not-flashing' },
];

for (const c of cases) {
  test(`camera reading of "${c.video}" on ${c.model} gives ${c.cause}`, async () => {
    const browser = await launch({ video: c.video });
    try {
      const page = await phonePage(browser);
      await page.goto(`${server.url}/?model=${c.model}&source=camera`);
      const pattern = page.locator('[data-testid=pattern]');
      await pattern.waitFor({ timeout: 45000 });
      assert.equal(await pattern.getAttribute('data-pattern'), c.pattern);
      if (c.colour) assert.equal(await pattern.getAttribute('data-colour'), c.colour);
      if (c.flashes) assert.equal(await pattern.getAttribute('data-flash-count'), c.flashes);
      const diagnosis = page.locator('[data-testid=diagnosis]');
      assert.equal(await diagnosis.getAttribute('data-cause'), c.cause);
      const causes = page.locator('[data-testid=cause]');
      assert.ok(await causes.count() >= 2);
      const confidences = await causes.evaluateAll((els) => els.map((e) => parseFloat(e.dataset.confidence)));
      assert.ok(confidences.every((x) => x >= 0 && x <= 1));
      assert.ok(confidences.every((x, i) => i === 0 || confidences[i - 1] >= x), 'ranked by confidence');
      await screenshot(page, `diagnosis-${c.video}`);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.requests.filter((u) => !u.startsWith(server.url) && !/^(data|blob):/.test(u)), [], 'requests left the origin');
    } finally { await browser.close(); }
  });
}

test('the camera is released when the reading screen is left', async () => {
  const browser = await launch({ video: 'no-internet' });
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=outdoor&source=camera`);
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    const live = () => page.evaluate(() => [...document.querySelectorAll('video')].some((v) => v.srcObject && v.srcObject.getVideoTracks().some((t) => t.readyState === 'live')));
    assert.equal(await live(), true);
    await page.getByRole('button', { name: 'Skip the camera: answer questions' }).click();
    await page.locator('[data-testid=diagnosis]').waitFor();
    assert.equal(await page.locator('video').count(), 0, 'preview removed');
  } finally { await browser.close(); }
});

/** Answers the engine's questions as a person with `cause` would, until the verdict is settled. */
async function answerAs(page, answers) {
  for (let i = 0; i < 8; i++) {
    const q = page.locator('[data-testid=question]');
    if (await q.count() === 0) break;
    const id = await q.getAttribute('data-question');
    const answer = answers[id];
    if (answer) await q.locator(`[data-answer="${answer}"]`).click();
    else await page.locator('[data-testid=skip-question]').click();
  }
}

const typical = {
  'no-internet': { light: 'blinking-red', 'setting-up': 'no', 'internet-ok': 'no', 'router-restarted': 'no', duration: 'longer', 'just-powered': 'no' },
  setup: { light: 'blinking-red', 'setting-up': 'yes-recent', 'internet-ok': 'yes', duration: 'minutes', 'just-powered': 'yes' },
  motion: { light: 'brief-red', motion: 'yes', 'after-recording': 'no', duration: 'on-and-off', 'setting-up': 'no', 'internet-ok': 'yes' },
  'low-battery': { light: 'burst-after-blue', 'after-recording': 'yes', 'batteries-age': 'long-ago', duration: 'on-and-off', 'setting-up': 'no', 'internet-ok': 'yes' },
  unknown: { light: 'blinking-red', 'setting-up': 'no', 'internet-ok': 'yes', 'router-restarted': 'yes-still', duration: 'longer', 'just-powered': 'no', 'batteries-age': 'recently', motion: 'no', 'after-recording': 'no' },
};

test('questions alone reach every seed cause', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    for (const [cause, answers] of Object.entries(typical)) {
      await page.goto(`${server.url}/?model=outdoor`);
      await page.locator('[data-testid=questions-only]').click();
      await answerAs(page, answers);
      assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), cause, cause);
      assert.equal(await page.locator('[data-testid=pattern]').count(), 0, 'no pattern without a reading');
    }
    await screenshot(page, 'questions-only');
  } finally { await browser.close(); }
});

test('the fix walks through steps with a timer, moves on when it does not help, ends at support', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=mini`);
    await page.locator('[data-testid=questions-only]').click();
    await answerAs(page, typical.unknown);
    await page.locator('[data-testid=start-fix]').click();
    const step = page.locator('[data-testid=fix-step]');
    await step.waitFor();
    assert.equal(await step.getAttribute('data-cause'), 'unknown');
    // Walk to the first timed step and run a short timer.
    for (let i = 0; i < 6 && await page.locator('[data-testid=timer]').count() === 0; i++) {
      await page.locator('[data-testid=step-done], [data-testid=check-no]').first().click();
    }
    const timer = page.locator('[data-testid=timer]');
    assert.equal(await timer.getAttribute('data-seconds'), '5', 'the Mini reset holds 5 s');
    await screenshot(page, 'fix-step-timer');
    await page.locator('[data-testid=timer-start]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=timer-left]')?.textContent === '0 s', null, { timeout: 9000 });
    // Nothing helps: every cause is tried, then support.
    for (let i = 0; i < 30 && await page.locator('[data-testid=support]').count() === 0; i++) {
      await page.locator('[data-testid=didnt-help]').click();
    }
    await page.locator('[data-testid=support]').waitFor();
    assert.match(await page.locator('[data-testid=support]').textContent(), /Blink Mini/);
    await screenshot(page, 'support');
  } finally { await browser.close(); }
});

test('an unknown model id gets a clear message and the picker', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await page.goto(`${server.url}/?model=mini-9000`);
    assert.match(await page.locator('[data-testid=notice]').textContent(), /mini-9000/);
    assert.equal(await page.locator('[data-model]').count(), 7);
  } finally { await browser.close(); }
});

test('no automatic accessibility violations on the main screens (axe-core)', async () => {
  const axe = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const browser = await launch({ video: 'low-battery' });
  try {
    // The app's CSP rightly forbids injected scripts; axe is the test's own tool.
    const page = await phonePage(browser, { bypassCSP: true });
    const check = async (name) => {
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => `${v.id}: ${v.nodes.length}`));
      assert.deepEqual(result, [], `${name}: ${result.join(', ')}`);
    };
    await page.goto(`${server.url}/`);
    await check('home');
    await page.goto(`${server.url}/?model=xt2`);
    await check('model');
    await page.goto(`${server.url}/?model=xt2&source=camera`);
    await page.locator('[data-testid=brightness]').waitFor({ timeout: 20000 });
    await check('reading');
    await page.locator('[data-testid=diagnosis]').waitFor({ timeout: 45000 });
    await check('diagnosis');
  } finally { await browser.close(); }
});
