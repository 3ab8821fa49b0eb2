// Browser test of the guided tour: every lesson opens its scene (the right lab and scene, no
// notices, no console errors, a drawn canvas), Next walks the tour, and a lesson's link reopens it.
//   node tests/web/lessons.test.mjs build/wasm/dist
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, open, pngBusyness } from './browser.mjs';

const state = (page) => page.evaluate(() => window.dendrites.state());
const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const shots = path.resolve(dist, '..', '..', 'screenshots');

test('every lesson sets up its scene', { timeout: 240000 }, async () => {
  fs.mkdirSync(shots, { recursive: true });
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await open(browser, server.url);
    await page.evaluate(() => window.dendrites.ready);
    const count = (await page.evaluate(() => window.dendrites.state())).lessons;
    assert.ok(count >= 10, `only ${count} lessons`);
    for (let k = 1; k <= count; k++) {
      const r = await page.evaluate((index) => window.dendrites.command('lesson', { index }), k);
      assert.equal(r.ok, true, `lesson ${k}: ${r.error}`);
      await page.evaluate(() => window.dendrites.command('play'));
      await page.waitForTimeout(700);
      const s = await page.evaluate(() => window.dendrites.state());
      assert.equal(s.lesson, k);
      assert.deepEqual(s.notices, [], `lesson ${k} left notices`);
      const link = await page.evaluate(() => window.dendrites.link());
      const query = new URL(link).searchParams;
      assert.equal(query.get('lesson'), String(k));
      assert.equal(query.get('lab'), s.lab);
      if (s.lab === 'spiking') assert.equal(query.get('scene'), s.spiking.scene);
      const png = await page.screenshot({ path: path.join(shots, `web-lesson-${k}.png`) });
      assert.ok(pngBusyness(png) > 0.02, `lesson ${k} looks blank`);
    }
    // A lesson's link opens that lesson in a new page.
    const again = await open(browser, server.url + '?lesson=6');
    await again.evaluate(() => window.dendrites.ready);
    const s6 = await again.evaluate(() => window.dendrites.state());
    assert.equal(s6.lesson, 6);
    assert.deepEqual(s6.layers, [1, 10, 10, 10, 10, 10, 1]);
    // The tour resumes where the reader left it, on a later visit too (localStorage, which
    // pages share only within one browser context).
    assert.equal((await state(again)).resume_lesson, 6);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const first = await context.newPage();
    await first.goto(server.url + '?lesson=4');
    await first.evaluate(() => window.dendrites.ready);
    await first.waitForTimeout(300);  // the page notes the lesson once a frame has run
    await first.close();
    const later = await context.newPage();
    await later.goto(server.url);
    await later.evaluate(() => window.dendrites.ready);
    const resumed = await state(later);
    assert.equal(resumed.lesson, null, 'the tour should not open by itself');
    assert.equal(resumed.resume_lesson, 4);
    assert.equal((await later.evaluate(() =>
      window.dendrites.command('lesson', { index: 2, open: 7 }))).ok, false);
    await context.close();
    // A bad lesson number is refused (command) or ignored with a notice (link).
    assert.equal((await page.evaluate(() => window.dendrites.command('lesson', { index: 99 }))).ok, false);
    const bad = await open(browser, server.url + '?lesson=99');
    await bad.evaluate(() => window.dendrites.ready);
    assert.ok((await bad.evaluate(() => window.dendrites.state())).notices.some((n) => n.includes('lesson')));
    for (const p of [page, again, bad]) assert.deepEqual(p.errors, [], 'console errors');
  } finally {
    await browser.close();
    server.close();
  }
});
