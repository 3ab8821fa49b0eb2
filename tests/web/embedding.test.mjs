// Browser tests of links, embedding, messages and files: a URL round trip, malformed URLs,
// the embed page at 480x320 and its poster, a host page driving iframes over postMessage (and
// an origin that is not allowed), save and load, a bad file, a strict Content-Security-Policy,
// a lost WebGL context, and the wheel scrolling the host page.
//   node tests/web/embedding.test.mjs build/wasm/dist
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, open, pngBusyness } from './browser.mjs';

const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const shots = path.resolve(dist, '..', '..', 'screenshots');
const example = 'lab=mlp&r=3.5&layers=1-8-8-1&act=tanh&opt=adam&lr=0.01&batch=32&seed=7';

let server, browser;
test.before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await serve(dist);
  browser = await launch();
});
test.after(async () => {
  await browser.close();
  server.close();
});

async function ready(page) {
  await page.waitForFunction(() => window.dendrites, null, { timeout: 20000 });  // scripts loaded
  await page.evaluate(() => window.dendrites.ready);
  await page.waitForTimeout(300);
}

test('a link opens the experiment it describes, and Share gives the same link', async () => {
  const page = await open(browser, server.url + 'index.html?' + example);
  await ready(page);
  const s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.lab, 'mlp');
  assert.equal(s.r, 3.5);
  assert.deepEqual(s.layers, [1, 8, 8, 1]);
  assert.equal(s.activation, 'tanh');
  assert.equal(s.optimizer, 'adam');
  assert.equal(s.lr, 0.01);
  assert.equal(s.batch, 32);
  assert.equal(s.seed, 7);
  assert.deepEqual(s.notices, []);
  // The link of what is on screen carries the same values, and opening it gives the same state.
  const link = await page.evaluate(() => window.dendrites.link());
  const query = new URLSearchParams(new URL(link).search);
  for (const [key, value] of new URLSearchParams(example)) assert.equal(query.get(key), value, key);
  const again = await open(browser, link);
  await ready(again);
  const t = await again.evaluate(() => window.dendrites.state());
  for (const key of ['lab', 'r', 'layers', 'activation', 'optimizer', 'lr', 'batch', 'seed'])
    assert.deepEqual(t[key], s[key], key);
  // Same link, same run: five epochs give the same test loss in both pages.
  const a = await page.evaluate(() => window.dendrites.command('train', { epochs: 2 }).test_mse);
  const b = await again.evaluate(() => window.dendrites.command('train', { epochs: 2 }).test_mse);
  assert.equal(a, b);
  // A spiking link too.
  const spiking = await open(browser, server.url + '?lab=spiking&scene=brunel&g=3&nu=2');
  await ready(spiking);
  const sp = await spiking.evaluate(() => window.dendrites.state());
  assert.equal(sp.lab, 'spiking');
  assert.equal(sp.spiking.scene, 'brunel');
  assert.match(await spiking.evaluate(() => window.dendrites.link()), /scene=brunel.*g=3/);
  for (const p of [page, again, spiking]) assert.deepEqual(p.errors, [], 'console errors');
  await Promise.all([page.close(), again.close(), spiking.close()]);
});

test('a link or a file can carry the trained network itself', async () => {
  const page = await open(browser, server.url + 'index.html?' + example);
  await ready(page);
  await page.evaluate(() => window.dendrites.command('train', { epochs: 3 }));
  const trained = await page.evaluate(() => window.dendrites.state());
  assert.ok(trained.test_loss < trained.initial_test_loss);
  const plain = await page.evaluate(() => window.dendrites.link());
  assert.ok(!/[?&]w=/.test(plain), 'weights only when asked for');
  const link = await page.evaluate(() => window.dendrites.link({ weights: true }));
  const weights = new URL(link).searchParams.get('w').split('_');
  assert.equal(weights.length, 1 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1);  // 1-8-8-1
  assert.ok(link.length < 4000, `link of ${link.length} characters`);
  // Opened elsewhere, the network is the trained one at step 0: the same test loss exactly.
  const again = await open(browser, link);
  await ready(again);
  const t = await again.evaluate(() => window.dendrites.state());
  assert.deepEqual(t.notices, []);
  assert.equal(t.step, 0);
  assert.equal(t.test_loss, trained.test_loss);
  // Reset goes back to those weights, not to the seed's.
  await again.evaluate(() => window.dendrites.command('train', { epochs: 1 }));
  await again.evaluate(() => window.dendrites.command('reset'));
  assert.equal((await again.evaluate(() => window.dendrites.state())).test_loss, trained.test_loss);
  // A file with the weights loads the trained network too.
  const file = await page.evaluate(() => window.dendrites.save({ weights: true }));
  assert.equal(JSON.parse(file).mlp.initial_weights.length, weights.length);
  const fresh = await open(browser, server.url);
  await ready(fresh);
  assert.deepEqual(await fresh.evaluate((text) => window.dendrites.load(text), file), { ok: true });
  assert.equal((await fresh.evaluate(() => window.dendrites.state())).test_loss, trained.test_loss);
  // Weights that do not fit the network: a notice, and the network starts from the seed.
  const bad = await open(browser, server.url + '?' + example + '&w=0.1_0.2');
  await ready(bad);
  const b = await bad.evaluate(() => window.dendrites.state());
  assert.ok(b.notices.some((n) => n.includes('initial weights are 2 numbers')), JSON.stringify(b.notices));
  for (const p of [page, again, fresh, bad]) assert.deepEqual(p.errors, [], 'console errors');
  await Promise.all([page.close(), again.close(), fresh.close(), bad.close()]);
});

test('a malformed link still starts, with a notice for each bad value', async () => {
  const page = await open(browser, server.url +
    '?r=banana&lr=-5&foo=1&layers=1-x-1&batch=0&act=softmax&theme=purple&%zz=1');
  await ready(page);
  const s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.r, 4, 'a malformed r is ignored');
  assert.equal(s.lr, 1e-6, 'a negative lr is clamped to the range');
  assert.equal(s.batch, 1, 'batch 0 is clamped to 1');
  assert.deepEqual(s.layers, [1, 30, 1]);
  assert.equal(s.activation, 'sigmoid');
  assert.ok(s.notices.length >= 7, `notices: ${JSON.stringify(s.notices)}`);
  for (const word of ['banana', 'lr', 'foo', 'layers', 'softmax', 'purple'])
    assert.ok(s.notices.some((n) => n.includes(word)), `no notice mentions ${word}`);
  const png = await page.screenshot({ path: path.join(shots, 'web-malformed-link.png') });
  assert.ok(pngBusyness(png) > 0.02);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the embed page renders at 480x320, crisp at devicePixelRatio 2', async () => {
  const page = await browser.newPage({ viewport: { width: 480, height: 320 }, deviceScaleFactor: 2 });
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.goto(server.url + 'embed.html?lab=spiking&scene=delays&autoplay=1');
  await ready(page);
  await page.waitForTimeout(1500);
  const s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.embed, true);
  assert.equal(s.spiking.scene, 'delays');
  assert.equal(s.running, true);
  const size = await page.evaluate(() => [document.getElementById('canvas').width,
                                          document.getElementById('canvas').height]);
  assert.deepEqual(size, [960, 640], 'the drawing buffer follows devicePixelRatio');
  const png = await page.screenshot({ path: path.join(shots, 'web-embed-480x320.png') });
  assert.ok(pngBusyness(png) > 0.02, 'the embed looks blank');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the embed page waits behind a poster until the reader starts it', async () => {
  const page = await open(browser, server.url + 'embed.html?lab=mlp&theme=light',
                          { width: 640, height: 400 });
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => typeof window.Module), 'undefined', 'loaded eagerly');
  assert.ok(await page.isVisible('#poster'));
  await page.screenshot({ path: path.join(shots, 'web-embed-poster.png') });
  await page.click('#poster button');
  await ready(page);
  const s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.theme, 'light');
  assert.equal(s.embed, true);
  await page.screenshot({ path: path.join(shots, 'web-embed-light.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a host page drives its widgets over postMessage', async () => {
  const page = await open(browser, server.url + 'examples/blog.html', { width: 900, height: 900 });
  await page.click('button[data-set="r=3.5"]');  // also starts the widget (same origin)
  const frame = page.frames().find((f) => f.url().includes('embed.html?lab=mlp'));
  await frame.waitForFunction(() => window.Module && window.Module.calledRun &&
                              window.dendrites.state().r === 3.5, null, { timeout: 20000 });
  await page.click('button[data-command="play"][data-widget="mlp"]');
  await frame.waitForFunction(() => window.dendrites.state().epoch >= 1, null, { timeout: 20000 });
  await page.waitForFunction(() => /epoch \d+/.test(document.getElementById('mlp-progress').textContent),
                             null, { timeout: 10000 });
  await page.screenshot({ path: path.join(shots, 'web-blog-example.png'), fullPage: true });
  // The wheel over a widget scrolls the host page (the widget has nothing to scroll there).
  const box = await page.locator('#mlp').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 400);
  await page.waitForTimeout(500);
  assert.ok(await page.evaluate(() => window.scrollY) > 0, 'the host page did not scroll');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('messages from an origin that is not allowed are ignored', async () => {
  // The host page is served from another origin and hides its address (no referrer), so the
  // widget only answers once that origin is listed in ?origin=.
  const other = await serve(path.join(dist, 'examples'));
  const hostPage = (allow) => `<!doctype html><iframe id="w" referrerpolicy="no-referrer"
      src="${server.url}embed.html?lab=mlp&lazy=0${allow ? '&origin=' + other.url.replace(/\/$/, '') : ''}"></iframe>`;
  fs.writeFileSync(path.join(dist, 'examples', 'other-denied.html'), hostPage(false));
  fs.writeFileSync(path.join(dist, 'examples', 'other-allowed.html'), hostPage(true));
  try {
    for (const [file, allowed] of [['other-denied.html', false], ['other-allowed.html', true]]) {
      const page = await open(browser, other.url + file);
      const frame = await (await page.waitForSelector('#w')).contentFrame();
      await frame.waitForFunction(() => window.dendrites, null, { timeout: 20000 });
      await frame.evaluate(() => window.dendrites.ready);
      const answer = await page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (e) => { if (e.data && e.data.id === 42) resolve(e.data); });
        document.getElementById('w').contentWindow.postMessage(
          { dendrites: 1, id: 42, method: 'set', args: { r: 2.5 } }, '*');
        setTimeout(() => resolve(null), 2000);
      }));
      const r = await frame.evaluate(() => window.dendrites.state().r);
      if (allowed) {
        assert.ok(answer && answer.ack, 'the allowed origin got no answer');
        assert.equal(r, 2.5);
      } else {
        assert.equal(answer, null, 'a disallowed origin got an answer');
        assert.equal(r, 4, 'a disallowed origin changed the state');
      }
      await page.close();
    }
  } finally {
    other.close();
    fs.rmSync(path.join(dist, 'examples', 'other-denied.html'));
    fs.rmSync(path.join(dist, 'examples', 'other-allowed.html'));
  }
});

test('save then load restores the experiment; a bad file keeps the state', async () => {
  const page = await open(browser, server.url + '?lab=spiking&scene=stdp&pdt=-10');
  await ready(page);
  const saved = await page.evaluate(() => window.dendrites.save());
  assert.equal(JSON.parse(saved).spiking.stdp.pairing_dt_ms, -10);
  await page.evaluate(() => window.dendrites.set({ lab: 'mlp', r: 3.9 }));
  assert.equal((await page.evaluate(() => window.dendrites.state())).r, 3.9);
  assert.deepEqual(await page.evaluate((text) => window.dendrites.load(text, 'saved.json'), saved),
                   { ok: true });
  let s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.lab, 'spiking');
  assert.equal(s.r, 4);
  assert.equal(s.spiking.scene, 'stdp');
  // A bad file: the error names the field, nothing changes.
  const bad = JSON.stringify({ format: 'dendrites-experiment', version: 1, lab: 'mlp',
                               mlp: { optimizer: { lr: -1 } } });
  const r = await page.evaluate((text) => window.dendrites.load(text, 'bad.json'), bad);
  assert.equal(r.ok, false);
  assert.match(r.error, /\/mlp\/optimizer\/lr/);
  assert.match(r.error, /bad\.json/);
  s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.lab, 'spiking');
  assert.ok(s.notices.some((n) => n.includes('/mlp/optimizer/lr')), 'the error is not shown');
  const garbage = await page.evaluate(() => window.dendrites.load('{"format": ', 'cut.json'));
  assert.equal(garbage.ok, false);
  // Exports are CSV with a header and rows.
  await page.evaluate(() => window.dendrites.command('run', { duration_ms: 500 }));
  const csv = await page.evaluate(() => window.dendrites.command('export', { what: 'spikes' }).csv);
  assert.match(csv, /^time_ms,neuron,population\n[0-9.]+,\d+,\w+/);
  // Downloads: a CSV of membrane traces and the view as PNG arrive as files.
  await page.evaluate(() => window.dendrites.set({ lab: 'spiking', scene: 'one-neuron' }));
  await page.evaluate(() => window.dendrites.command('run', { duration_ms: 200 }));
  for (const [what, pattern] of [['traces', /\.csv$/], ['png', /\.png$/]]) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.evaluate((w) => window.dendrites.command('export', { what: w, download: true }), what),
    ]);
    assert.match(download.suggestedFilename(), pattern);
    const file = await download.path();
    assert.ok(fs.statSync(file).size > 100, `${what}: the file is nearly empty`);
    if (what === 'png') {
      const bytes = fs.readFileSync(file);
      assert.equal(bytes.toString('latin1', 1, 4), 'PNG');
      assert.ok(pngBusyness(bytes) > 0.02, 'the exported PNG looks blank');
    }
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the page runs under a strict Content-Security-Policy (no eval, no inline script)', async () => {
  const strict = await serve(dist, {
    'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
                               "style-src 'self'; img-src 'self' data: blob:",
  });
  try {
    const page = await open(browser, strict.url + '?lab=spiking&scene=zoo');
    const violations = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await ready(page);
    await page.evaluate(() => window.dendrites.command('play'));
    await page.waitForTimeout(1000);
    assert.ok((await page.evaluate(() => window.dendrites.state())).spiking.time_ms > 0);
    assert.deepEqual(violations, []);
    assert.deepEqual(page.errors, []);
    await page.close();
  } finally {
    strict.close();
  }
});

test('a browser without WebGL 2 gets a readable message', async () => {
  const plain = await launch(['--disable-webgl', '--disable-webgl2']);
  try {
    const page = await plain.newPage();
    await page.goto(server.url);
    await page.waitForTimeout(1500);
    const status = await page.evaluate(() => {
      const s = document.getElementById('status');
      return { text: s.textContent, shown: getComputedStyle(s).display !== 'none' };
    });
    assert.ok(status.shown, 'no message is shown');
    assert.match(status.text, /WebGL 2/);
  } finally {
    await plain.close();
  }
});

test('a lost WebGL context comes back without losing the experiment', async () => {
  const page = await open(browser, server.url + '?' + example);
  await ready(page);
  await page.evaluate(() => window.dendrites.command('play'));
  await page.waitForTimeout(500);
  await page.evaluate(() => new Promise((resolve) => {
    const ext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    ext.loseContext();
    setTimeout(() => { ext.restoreContext(); setTimeout(resolve, 1000); }, 500);
  }));
  const before = await page.evaluate(() => window.dendrites.state().step);
  await page.waitForTimeout(1000);
  const s = await page.evaluate(() => window.dendrites.state());
  assert.equal(s.r, 3.5);
  assert.ok(s.step > before, 'training stopped after the context came back');
  const png = await page.screenshot({ path: path.join(shots, 'web-context-restored.png') });
  assert.ok(pngBusyness(png) > 0.02, 'blank after the context came back');
  assert.deepEqual(page.errors, []);
  await page.close();
});
