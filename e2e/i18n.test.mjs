// Languages (issue 17). With the browser's locale set to each language: home, a fake-camera
// diagnosis and the fix walkthrough are in that language (no English text left: the list is the
// build's own, `lang-pack --english-left`), <html lang> and the picker say it, nothing overflows
// a 390 px screen, and axe-core finds no violations. ?lang= overrides the locale and is
// remembered, an id the app does not speak is English; the picker switches; offline, a language
// used before still switches and one never downloaded is refused with a message. One browser
// for the languages' flows (a context each).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve, launch, phonePage, screenshot, root, chromiumArgs } from './harness.mjs';

const LANGS = ['de', 'fr', 'es', 'it', 'ja'];
const axe = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
// Per language, the English texts (fragments of two words or more) that must not be shown.
const englishLeft = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'lang-pack', '--', '--english-left'], { cwd: root, encoding: 'utf8' }));

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** Everything a screen says: its text (hidden parts too, e.g. the report) and its labels. */
function said(page) {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label],[title],[alt],[data-offline],[data-failed]')]
      .flatMap((el) => ['aria-label', 'title', 'alt', 'data-offline', 'data-failed'].map((a) => el.getAttribute(a)).filter(Boolean));
    return [document.body.textContent, ...labels].join('\n').replace(/\u00a0/g, ' ');
  });
}

async function checkScreen(page, lang, name) {
  const text = await said(page);
  const left = englishLeft[lang].filter((t) => text.includes(t));
  assert.deepEqual(left, [], `${lang} ${name}: English left on the screen`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${lang} ${name}: <html lang>`);
  assert.equal(await page.locator('[data-testid=language]').inputValue(), lang, `${lang} ${name}: the picker`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `${lang} ${name}: the page is ${wide} px wide on a 390 px screen`);
  await page.addScriptTag({ content: axe });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0].target})`));
  assert.deepEqual(violations, [], `${lang} ${name}: axe`);
  if (lang === 'de' || lang === 'ja') {
    // At phone size as a person sees it first, and whole (to see that nothing overflows).
    await page.screenshot({ path: path.join(root, 'e2e/out', `i18n-${lang}-${name}.png`) });
    await screenshot(page, `i18n-${lang}-${name}-full`);
  }
}

test('in each language, home, a camera diagnosis and the fix walkthrough speak it (no English left, axe clean)', async () => {
  fs.mkdirSync(path.join(root, 'e2e/out'), { recursive: true });
  const browser = await launch({ video: 'low-battery' });
  try {
    for (const lang of LANGS) {
      const locale = { de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', ja: 'ja-JP' }[lang];
      // The axe script is the test's own, so the page's CSP is bypassed for it.
      const page = await phonePage(browser, { locale, bypassCSP: true });
      await page.goto(server.url + '/');
      await page.waitForFunction(() => document.documentElement.dataset.app === 'ready' && document.querySelector('main [data-model]'), null, { timeout: 20000 });
      await checkScreen(page, lang, 'home');
      await page.goto(`${server.url}/?model=xt2&source=camera`);
      await page.locator('[data-testid=diagnosis]').waitFor({ timeout: 45000 });
      assert.equal(await page.locator('[data-testid=diagnosis]').getAttribute('data-cause'), 'low-battery', `${lang}: the same diagnosis`);
      await checkScreen(page, lang, 'diagnosis');
      await page.locator('[data-testid=start-fix]').click();
      await page.locator('[data-testid=fix-step]').waitFor();
      await checkScreen(page, lang, 'fix');
      // On through the walkthrough to its check (every answer says where it leads).
      for (let i = 0; i < 4 && await page.locator('[data-testid=check]').count() === 0; i++) {
        await page.locator('[data-testid=step-done]').click();
      }
      await page.locator('[data-testid=check]').waitFor();
      await checkScreen(page, lang, 'fix-check');
      assert.deepEqual(page.consoleErrors, [], `${lang}: console errors`);
      // Only the chosen language was downloaded.
      const packs = page.requests.filter((u) => u.includes('/lang/')).map((u) => new URL(u).pathname.split('/').pop().split('.')[0]);
      assert.deepEqual([...new Set(packs)], [lang], `${lang}: packs downloaded`);
      await page.context().close();
    }
  } finally { await browser.close(); }
});

test('?lang= overrides the phone\'s language and is remembered; an id the app does not speak is English', async () => {
  const browser = await launch();
  try {
    const page = await phonePage(browser, { locale: 'de-DE' });
    const shown = async (url) => {
      await page.goto(server.url + url);
      await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 20000 });
      return page.evaluate(() => [document.documentElement.lang, document.querySelector('h1').textContent]);
    };
    const [de, deTitle] = await shown('/');
    assert.equal(de, 'de');
    const [fr, frTitle] = await shown('/?lang=fr');
    assert.equal(fr, 'fr');
    assert.notEqual(frTitle, deTitle);
    assert.doesNotMatch(await page.url(), /lang=/, 'the address loses ?lang= once read');
    assert.equal((await shown('/'))[0], 'fr', 'remembered');
    assert.equal((await shown('/?lang=JA-jp'))[0], 'ja', 'any case, a region');
    const [en, enTitle] = await shown('/?lang=xx');
    assert.equal(en, 'en');
    assert.equal(enTitle, 'Why is my Blink flashing?');
    assert.equal(await page.locator('[data-testid=language-problem]').count(), 0, 'silently');
    assert.equal((await shown('/'))[0], 'ja', 'an unknown id is not remembered');
    // A phone whose languages the app does not speak gets English, the second preference when there is one.
    const pt = await phonePage(browser, { locale: 'pt-BR' });
    await pt.goto(server.url + '/');
    await pt.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 20000 });
    assert.equal(await pt.evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(pt.consoleErrors, []);
  } finally { await browser.close(); }
});

test('the picker switches language on any screen and keeps the screen; offline, a language used before switches and one never downloaded is refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blink-lang-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs, headless: true,
    viewport: { width: 390, height: 844 }, locale: 'de-DE',
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const ready = () => page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 20000 });
  try {
    await page.goto(server.url + '/?model=mini');
    await ready();
    await page.locator('[data-testid=model-page]').waitFor();
    // The service worker is installed and keeps the German pack (the page asked it to).
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await ready();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    await page.waitForFunction(() => caches.open('blink-doctor.lang').then((c) => c.keys()).then((k) => k.some((r) => /\/lang\/de\./.test(r.url))), null, { timeout: 20000 });
    // Picked online: Spanish, on the same screen.
    await Promise.all([page.waitForEvent('load'), page.locator('[data-testid=language]').selectOption('es')]);
    await ready();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(await page.locator('[data-testid=model-page]').getAttribute('data-model'), 'mini', 'the same screen');
    await page.waitForFunction(() => caches.open('blink-doctor.lang').then((c) => c.keys()).then((k) => k.some((r) => /\/lang\/es\./.test(r.url))), null, { timeout: 20000 });
    await context.setOffline(true);
    // Offline: Italian was never downloaded here.
    await page.locator('[data-testid=language]').selectOption('it');
    const problem = page.locator('[data-testid=language-problem]');
    await problem.waitFor({ timeout: 10000 });
    assert.match(await problem.textContent(), /Italiano/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es', 'still Spanish');
    assert.equal(await page.locator('[data-testid=language]').inputValue(), 'es', 'the picker back on Spanish');
    // Offline: German and English were used before (English is built in).
    for (const lang of ['de', 'en', 'es']) {
      await Promise.all([page.waitForEvent('load'), page.locator('[data-testid=language]').selectOption(lang)]);
      await ready();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `offline to ${lang}`);
      assert.equal(await page.locator('[data-testid=model-page]').count(), 1);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
