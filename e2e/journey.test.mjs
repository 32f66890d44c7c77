// The check as a person lives it (issue 13): every screen has its own URL, so Back and Forward
// move between screens and a reload keeps the answers; focus moves to each new screen's heading;
// nothing scrolls sideways at 320 px or at 200 % zoom; dark mode; the header's "No camera?" link;
// model ids in the URL; unique names for every control; a fix flow that tells the truth.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, phonePage, screenshot, visitEveryScreen } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const heading = (page) => page.locator('main h1').textContent();
const query = (page) => page.evaluate(() => location.search);

async function fresh(page, path = '/') {
  await page.goto(`${server.url}/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${server.url}${path}`);
}

test('Back and Forward move between screens, the fix steps included, and never leave the app', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page);
    await page.locator('[data-model=outdoor]').click();
    await page.locator('[data-testid=model-page]').waitFor();
    assert.equal(await query(page), '?model=outdoor');
    await page.locator('[data-testid=questions-only]').click();
    await page.locator('[data-question=light]').waitFor();
    assert.equal(await query(page), '?model=outdoor&screen=questions');
    await page.locator('[data-answer=blinking-red]').click();
    await page.locator('[data-testid=diagnosis]').waitFor();
    assert.equal(await query(page), '?model=outdoor&screen=diagnosis');
    await page.locator('[data-testid=start-fix]').click();
    await page.locator('[data-testid=fix-step][data-step=check-internet]').waitFor();
    await page.locator('[data-answer=down]').click();
    await page.locator('[data-testid=fix-step][data-step=restart-router]').waitFor();
    assert.equal(await query(page), '?model=outdoor&screen=fix&step=1');

    await page.goBack();
    await page.locator('[data-testid=fix-step][data-step=check-internet]').waitFor();
    await page.goBack();
    await page.locator('[data-testid=diagnosis]').waitFor();
    await page.goBack();
    await page.locator('[data-question=light]').waitFor();
    // The earlier answer is shown as chosen and can be changed right there.
    assert.equal(await page.locator('[data-answer=blinking-red]').getAttribute('aria-pressed'), 'true');
    await page.goBack();
    await page.locator('[data-testid=model-page]').waitFor();
    await page.goBack();
    await page.locator('[data-model=mini]').waitFor();
    assert.ok(page.url().startsWith(server.url), 'still in the app');
    for (const screen of ['[data-testid=model-page]', '[data-question=light]', '[data-testid=diagnosis]', '[data-testid=fix-step][data-step=check-internet]']) {
      await page.goForward();
      await page.locator(screen).waitFor();
    }
    await page.goForward();
    await page.locator('[data-testid=fix-step][data-step=restart-router]').waitFor();
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('a reload keeps the answers and the place in the walkthrough; an answer can be changed', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page, '/?model=xt');
    await page.locator('[data-testid=questions-only]').click();
    await page.locator('[data-answer=blinking-red]').click();
    await page.locator('[data-testid=diagnosis]').waitFor();
    const q = await page.locator('[data-testid=question]').getAttribute('data-question');
    const a = await page.locator('[data-testid=question] [data-answer]').first().getAttribute('data-answer');
    await page.locator(`[data-testid=question] [data-answer="${a}"]`).click();
    await page.locator(`[data-testid=given][data-question="${q}"]`).waitFor();
    await page.reload();
    await page.locator('[data-testid=diagnosis]').waitFor();
    assert.equal(await page.locator('[data-testid=given]').count(), 2, 'both answers survive the reload');
    // Change the first answer.
    await page.locator('[data-testid=given][data-question=light] [data-testid=change-answer]').click();
    await page.locator('[data-testid=question][data-question=light]').waitFor();
    await page.locator('[data-answer=steady-red]').click();
    assert.match(await page.locator('[data-testid=given][data-question=light]').textContent(), /solid red/);
    // A fix step survives a reload too.
    await page.locator('[data-testid=start-fix]').click();
    const step = await page.locator('[data-testid=fix-step]').getAttribute('data-key');
    await page.reload();
    assert.equal(await page.locator('[data-testid=fix-step]').getAttribute('data-key'), step);
    assert.deepEqual(page.consoleErrors, []);
  } finally { await browser.close(); }
});

test('focus moves to the heading of each new screen', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page);
    const focused = () => page.evaluate(() => document.activeElement && document.activeElement.tagName + ':' + document.activeElement.textContent);
    // Waits for an H1 whose text matches `re` to hold focus; on a timeout, says what holds it
    // (the wait alone would only say that it timed out).
    const headingFocused = async (re) => {
      try {
        await page.waitForFunction((src) => document.activeElement?.tagName === 'H1' && new RegExp(src).test(document.activeElement.textContent), re.source, { timeout: 15000 });
      } catch {
        assert.fail(`focus is on ${await focused()}, not on a heading matching ${re}`);
      }
    };
    await page.locator('[data-model=video-doorbell]').click();
    await page.locator('[data-testid=model-page]').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await focused(), 'H1:Blink Video Doorbell');
    await page.locator('[data-testid=questions-only]').click();
    await headingFocused(/questions/);
    await page.locator('[data-answer=steady-red]').click();
    await headingFocused(/means/);
    await page.locator('[data-testid=start-fix]').click();
    await headingFocused(/^Step 1 of/);
    await page.locator('[data-testid=check-answer]').last().click();
    await headingFocused(/^Step 2 of/);
  } finally { await browser.close(); }
});

for (const [label, options] of [['320 px', { width: 320 }], ['200 % zoom', { zoom: 2 }]]) {
  test(`nothing scrolls sideways at ${label} on any screen`, async () => {
    const browser = await launch({ video: 'low-battery' });
    try {
      const page = await phonePage(browser, options);
      const tag = label.replace(/[^0-9a-z]+/gi, '-');
      await visitEveryScreen(page, server.url, async (name) => {
        const { scroll, client, wide } = await page.evaluate(() => {
          const client = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('main *, header *')].filter((e) => e.getBoundingClientRect().right > client + 1).map((e) => e.tagName + '.' + e.className).slice(0, 5);
          return { scroll: document.documentElement.scrollWidth, client, wide };
        });
        assert.ok(scroll <= client, `${name} at ${label}: ${scroll} px wide in a ${client} px window: ${wide.join(', ')}`);
        if (name === 'reading') {
          // The zoom row: the slider keeps a usable width and nothing in the row overlaps.
          await page.locator('[data-testid=zoom-control]:not([hidden])').waitFor({ timeout: 20000 });
          const parts = await page.evaluate(() => ['zoom-out', 'zoom', 'zoom-in', 'zoom-value'].map((id) => {
            const r = document.querySelector(`[data-testid=zoom-control] [data-testid=${id}]`).getBoundingClientRect();
            return { id, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
          }));
          const slider = parts.find((p) => p.id === 'zoom');
          assert.ok(slider.width >= 120, `the zoom slider at ${label} is ${slider.width} px wide`);
          for (const a of parts) for (const b of parts) {
            if (a.id < b.id) {
              const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
              assert.ok(apart, `${a.id} and ${b.id} overlap at ${label}: ${JSON.stringify([a, b])}`);
            }
          }
        }
        await screenshot(page, `${tag}-${name}`);
      });
    } finally { await browser.close(); }
  });
}

test('dark mode: a dark page with light text', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser, { colorScheme: 'dark' });
    await fresh(page, '/?model=mini');
    await page.locator('[data-testid=model-page]').waitFor();
    const colours = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.querySelector('main h1')).color]);
    const lum = (c) => c.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    assert.ok(lum(colours[0]) < 60, `background ${colours[0]}`);
    assert.ok(lum(colours[1]) > 180, `text ${colours[1]}`);
    await screenshot(page, 'dark-model');
  } finally { await browser.close(); }
});

test('"No camera? Answer questions" before a model is picked says so, then goes straight to the questions', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page);
    await page.locator('[data-testid=no-camera]').click();
    assert.match(await page.locator('[data-testid=notice]').textContent(), /pick your model/i);
    await page.locator('[data-model=sync-module-2]').click();
    // The Sync Module is asked about its own two lights.
    await page.locator('[data-testid=question][data-question=light-sync]').waitFor();
    assert.match(await page.locator('[data-testid=question]').textContent(), /green/);
    assert.equal(await page.locator('[data-testid=diagnosis]').count(), 0, 'no verdict before the first answer');
    assert.doesNotMatch(await page.textContent('main'), /Most likely|Read the light again|while we watched/);
    // A clear verdict asks nothing more.
    await page.locator('[data-answer=green-blinking]').click();
    await page.locator('[data-testid=diagnosis][data-cause=sync-reconnecting]').waitFor();
    assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-certainty'), 'Clear');
    assert.match(await page.locator('[data-testid=certainty]').textContent(), /would not change/);
    assert.equal(await page.locator('[data-testid=question]').count(), 0, 'a question after "more questions would not change this"');
  } finally { await browser.close(); }
});

test('model ids in the URL: any case, and an empty one is ignored; readable facts; which one do I have', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page, '/?model=MINI');
    await page.locator('[data-testid=model-page][data-model=mini]').waitFor();
    assert.equal(await page.locator('[data-testid=power]').textContent(), 'USB cable (no batteries)');
    await fresh(page, '/?model=');
    await page.locator('[data-model=mini]').waitFor();
    assert.equal(await page.locator('[data-testid=notice]').count(), 0);
    await page.locator('[data-testid=which-one] summary').click();
    const which = await page.locator('[data-testid=which-one]').textContent();
    assert.match(which, /Blink Outdoor, Blink Indoor, Blink XT and Blink XT2 are handled the same way/);
    // The doorbell's reset button is elsewhere (its page says so): it is not offered as one of them.
    assert.doesNotMatch(which, /Doorbell, Blink Outdoor/);
    assert.match(which, /two AA batteries under a back cover/);
  } finally { await browser.close(); }
});

test('every control on every screen has its own accessible name', async () => {
  const browser = await launch({ video: 'low-battery' });
  try {
    const page = await phonePage(browser);
    await visitEveryScreen(page, server.url, async (name) => {
      const names = await page.evaluate(() => [...document.querySelectorAll('button, a[href], input, select')]
        .filter((e) => e.offsetParent !== null || e.classList.contains('skip-link'))
        .map((e) => (e.getAttribute('aria-label') || e.textContent).replace(/\s+/g, ' ').trim()));
      const dupes = names.filter((n, i) => names.indexOf(n) !== i);
      assert.deepEqual(dupes, [], `${name}: ${dupes.join(' | ')}`);
      await screenshot(page, `390-${name}`);
    });
  } finally { await browser.close(); }
});

test('the walkthrough tells the truth: working internet elsewhere goes on, and each answer says where it leads', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page, '/?model=outdoor&screen=questions');
    await page.locator('[data-answer=blinking-red]').click();
    await page.locator('[data-testid=fix-cause]').first().waitFor();
    await page.locator('[data-testid=cause][data-cause=no-internet] [data-testid=fix-cause]').click();
    const works = page.locator('[data-testid=check-answer][data-answer=works]');
    assert.match(await works.textContent(), /Next: Check the Wi-Fi suits Blink/);
    assert.match(await page.locator('[data-testid=check-answer][data-answer=down]').textContent(), /Next: Restart the router/);
    assert.equal(await page.locator('text=That didn\'t help').count(), 0);
    await works.click();
    await page.locator('[data-testid=fix-step][data-step=wifi-suits]').waitFor();
    assert.equal(await page.locator('[data-testid=fixed]').count(), 0, 'not "fixed" while the camera is still red');
    // The current step is printed once.
    const text = await page.locator('.step-text').textContent();
    assert.equal((await page.textContent('main')).split(text).length - 1, 1);
    await screenshot(page, 'fix-check');
  } finally { await browser.close(); }
});

test('a normal state says there is nothing to fix, without a walkthrough', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser);
    await fresh(page, '/?model=video-doorbell&screen=questions');
    await page.locator('[data-answer=no-light]').click();
    await page.locator('[data-testid=diagnosis][data-cause=doorbell-online]').waitFor();
    assert.match(await page.locator('[data-testid=nothing-to-fix]').textContent(), /nothing to fix/i);
    const card = page.locator('[data-testid=cause][data-cause=doorbell-online]');
    assert.equal(await card.locator('[data-testid=fix-cause]').count(), 0);
    assert.equal(await card.locator('[data-testid=normal-badge]').count(), 1);
    await screenshot(page, 'nothing-to-fix');
  } finally { await browser.close(); }
});
