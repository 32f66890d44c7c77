// Whole flows through the deep link with the fake camera: each video must end in the right
// pattern and diagnosis; the questions-only path; the fix walkthrough; accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, phonePage, screenshot, root, visitEveryScreen } from './harness.mjs';

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
    await page.locator('[data-testid=question][data-question=light]').waitFor();
    assert.equal(await page.locator('video').count(), 0, 'preview removed');
  } finally { await browser.close(); }
});

/** Answers the engine's questions as a person with `cause` would, until the verdict is settled. */
async function answerAs(page, answers) {
  // The questions may still be on their way: the check's module starts after the tap.
  await page.locator('[data-testid=question], [data-testid=diagnosis]').first().waitFor();
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
      // Each person starts afresh (the tab otherwise keeps the answers, as on a reload).
      await page.goto(`${server.url}/`);
      await page.evaluate(() => sessionStorage.clear());
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
    // Walk to the first timed step: the hold counts in 3-2-1 by itself, then times 5 s.
    for (let i = 0; i < 6 && await page.locator('[data-testid=timer]').count() === 0; i++) {
      await page.locator('[data-testid=step-done]').click();
    }
    const timer = page.locator('[data-testid=timer]');
    assert.equal(await timer.getAttribute('data-seconds'), '5', 'the Mini reset holds 5 s');
    const phase = page.locator('[data-testid=timer-left]');
    assert.equal(await phase.getAttribute('data-phase'), 'count-in', 'the count-in starts by itself');
    await screenshot(page, 'fix-step-timer');
    await page.waitForFunction(() => document.querySelector('[data-testid=timer-left]')?.dataset.phase === 'running', null, { timeout: 5000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=timer-left]')?.dataset.phase === 'finished', null, { timeout: 8000 });
    assert.doesNotMatch(await timer.textContent(), /Done · again/);
    // Nothing helps: every cause is tried, then support.
    for (let i = 0; i < 30 && await page.locator('[data-testid=support]').count() === 0; i++) {
      await page.locator('[data-testid=next-cause]').click();
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

for (const colorScheme of ['light', 'dark']) {
  test(`no automatic accessibility violations on any screen (axe-core, ${colorScheme})`, async () => {
    const axe = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const browser = await launch({ video: 'low-battery' });
    try {
      // The app's CSP rightly forbids injected scripts; axe is the test's own tool.
      const page = await phonePage(browser, { bypassCSP: true, colorScheme });
      const seen = [];
      const check = async (name) => {
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0].target})`));
        assert.deepEqual(result, [], `${name} (${colorScheme}): ${result.join(', ')}`);
        seen.push(name);
      };
      await visitEveryScreen(page, server.url, check);
      assert.deepEqual(seen, ['home', 'model', 'reading', 'diagnosis', 'questions-only', 'diagnosis-from-answers', 'fix', 'fix-check', 'support']);
    } finally { await browser.close(); }
  });
}
