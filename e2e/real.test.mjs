// The realistic fake-camera videos (synth::real after an H.264 round trip: real photographs, a
// phone's image pipeline, LEDs as light; src/synth/scenarios.rs, e2e_real_scenarios) through
// the app's camera path, each on the model it shows. The reader does not read all of them right
// yet (issue 12), and the same video reads differently from run to run (where in its 10 s loop
// the camera starts, which frames the page keeps), so each test asserts the honest property:
//
// - a reading shown as sure (not "an uncertain reading") is what the video shows;
// - the likeliest cause is the right one, or the reading is shown as uncertain, with a button to
//   read again right there, and the diagnosis does not say more questions would not change it.
//
// Where the reader gets it right every time today (`strict`), the right reading and cause are
// asserted outright. Where it sometimes breaks the honest property, the test is a node:test todo
// that says how (it runs and reports, and fails nothing) until the reader is fixed.
// A screenshot of each result as a phone shows it (390x844) goes to e2e/out/<video>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, phonePage, shots, root } from './harness.mjs';

let server;
let axe;
before(async () => {
  server = await serve();
  axe = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
});
after(async () => { await server?.close(); });

// `lights`: what each of the device's lights does, as the reading may name it (the status
// light, or on the Sync Module either of its two).
const cases = [
  // A lamp-lit café, a hard cut at 4 s, a car's brake lights, hand shake: blinking red, 1 s.
  { video: 'real-cut-no-internet', model: 'outdoor', cause: 'no-internet', lights: [['blinking', 'red']] },
  // A dim room, strong temporal noise reduction: blue, then 6 red flashes.
  {
    // When the reader misses the blue light, the first red flashes look like fast blinking: on a
    // model whose bursts follow blue, that reading is told as unsure (signal::pattern,
    // BURST_PERIOD_S), where it once was a sure "blinking every 0.5 s" (no internet).
    video: 'real-tnr-low-battery', model: 'outdoor', cause: 'low-battery', lights: [['burst', 'red']],
  },
  // A 1.5-2 px LED on a far wall, a moving street, brake lights, a cut: lone red flashes.
  { video: 'real-tiny-720p-motion', model: 'outdoor', cause: 'motion', lights: [['flash', 'red']], strict: true },
  // A white Mini in the sun: a faint red blinking on a bright housing.
  { video: 'real-daylight-dim-no-internet', model: 'mini', cause: 'no-internet', lights: [['blinking', 'red']] },
  // A Sync Module 2 beside a TV, a 640x480 budget phone: steady blue, blinking green.
  { video: 'real-sync-offline', model: 'sync-module-2', cause: 'sync-reconnecting', lights: [['steady', 'blue'], ['blinking', 'green']] },
];

/** What the result screen shows: the reading, whether it is marked uncertain, the diagnosis. */
function shown(page) {
  return page.evaluate(() => {
    const p = document.querySelector('[data-testid=pattern]');
    const d = document.querySelector('[data-testid=diagnosis]');
    return {
      pattern: p.dataset.pattern,
      colour: p.dataset.colour,
      unsure: p.dataset.unsure === 'true',
      seen: p.querySelector('p').textContent,
      readAgainThere: !!p.querySelector('[data-testid=read-again]'),
      cause: d.dataset.cause,
      certainty: d.dataset.certainty,
      causes: [...document.querySelectorAll('[data-testid=cause]')].slice(0, 3).map((c) => `${c.dataset.cause} ${c.dataset.confidence}`),
    };
  });
}

for (const c of cases) {
  const name = `${c.video} on ${c.model}: ${c.strict ? `read right, ${c.cause}` : `${c.cause}, or an uncertain reading that offers another`}`;
  test(name, { todo: c.todo }, async (t) => {
    const browser = await launch({ video: c.video });
    try {
      // The CSP bypassed for axe (the test's own tool) only.
      const page = await phonePage(browser, { bypassCSP: true });
      await page.goto(`${server.url}/?model=${c.model}&source=camera`);
      await page.locator('[data-testid=pattern]').waitFor({ timeout: 60000 });
      const s = await shown(page);
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${c.video}.png`) });
      t.diagnostic(JSON.stringify(s));
      const readRight = c.lights.some(([pattern, colour]) => s.pattern === pattern && s.colour === colour);
      const what = `${c.video}: ${JSON.stringify(s)}`;
      if (c.strict) {
        assert.ok(readRight, `the reading is right: ${what}`);
        assert.equal(s.cause, c.cause, `the likeliest cause is right: ${what}`);
      }
      assert.ok(readRight || s.unsure, `a reading shown as sure is right: ${what}`);
      assert.equal(s.readAgainThere, s.unsure, `an uncertain reading offers another right there: ${what}`);
      if (s.cause !== c.cause) {
        assert.ok(s.unsure, `a wrong cause comes from a reading shown as uncertain: ${what}`);
        assert.notEqual(s.certainty, 'Clear', `a wrong cause is not called settled: ${what}`);
      }
      // One "Read the light again": beside an uncertain reading, else at the foot of the page.
      assert.equal(await page.locator('[data-testid=read-again]').count(), 1);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0].target})`));
      assert.deepEqual(violations, [], `${c.video}: ${violations.join(', ')}`);
      await page.locator('[data-testid=read-again]').click();
      await page.locator('[data-testid=reading][data-source=camera]').waitFor({ timeout: 10000 });
      assert.deepEqual(page.consoleErrors, []);
    } finally { await browser.close(); }
  });
}
