// Browser test of the spiking lab: every scene starts through window.dendrites, simulated time
// advances, the canvas is drawn, state() reports the lab's figures, and bad commands are
// refused with a message. Screenshots land in build/screenshots/ for people to look at.
//   node tests/web/spiking.test.mjs build/wasm/dist
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, open, pngBusyness } from './browser.mjs';

const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const shots = path.resolve(dist, '..', '..', 'screenshots');
const scenes = ['one-neuron', 'zoo', 'delays', 'izhikevich-1000', 'brunel', 'stdp', 'structural',
                'cuba'];

test('every spiking scene runs in the browser', { timeout: 240000 }, async () => {
  fs.mkdirSync(shots, { recursive: true });
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await open(browser, server.url);
    await page.evaluate(() => window.dendrites.ready);
    for (const scene of scenes) {
      const r = await page.evaluate((name) => window.dendrites.command('scene', { name }), scene);
      assert.deepEqual(r, { ok: true }, `scene ${scene}`);
      await page.evaluate(() => window.dendrites.command('play'));
      await page.waitForTimeout(2000);
      const s = await page.evaluate(() => window.dendrites.state());
      assert.equal(s.lab, 'spiking');
      assert.equal(s.spiking.scene, scene);
      assert.equal(s.running, true);
      for (const key of ['time_ms', 'spikes', 'mean_rate_hz', 'neurons', 'cv_isi', 'synchrony'])
        assert.ok(Number.isFinite(s.spiking[key]), `${scene}: state().spiking.${key}`);
      assert.ok(s.spiking.time_ms > 0, `${scene}: simulated time did not advance`);
      const png = await page.screenshot({ path: path.join(shots, `web-${scene}.png`) });
      assert.ok(pngBusyness(png) > 0.02, `${scene}: the canvas looks blank`);
      console.log(`# ${scene}: ${s.spiking.time_ms.toFixed(1)} ms simulated in 2 s, ` +
                  `${s.spiking.spikes} spikes, ${s.spiking.mean_rate_hz.toFixed(2)} Hz, ` +
                  `${s.fps.toFixed(0)} fps`);
    }
    // The delays scene: a neuron made to fire shows up in the spike count.
    await page.evaluate(() => window.dendrites.command('scene', { name: 'delays' }));
    await page.evaluate(() => window.dendrites.command('pause'));
    const before = await page.evaluate(() => window.dendrites.state().spiking.spikes);
    assert.deepEqual(await page.evaluate(() => window.dendrites.command('stimulate', { neuron: 5 })),
                     { ok: true });
    await page.evaluate(() => window.dendrites.command('step'));
    const after = await page.evaluate(() => window.dendrites.state().spiking.spikes);
    assert.ok(after > before, 'stimulating neuron 5 made no spike');
    // Bad commands are refused and explained; the scene keeps running as it was.
    for (const [name, args] of [['scene', { name: 'no-such' }], ['stimulate', { neuron: 99 }],
                                ['stimulate', {}], ['speed', { ms_per_s: -1 }],
                                ['pulse', { amplitude: 'big' }]]) {
      const r = await page.evaluate(([n, a]) => window.dendrites.command(n, a), [name, args]);
      assert.equal(r.ok, false, `${name} ${JSON.stringify(args)} was accepted`);
      assert.ok(r.error && r.error.length > 5, `${name}: no explanation`);
    }
    assert.equal((await page.evaluate(() => window.dendrites.state())).spiking.scene, 'delays');
    // A synchronous run advances exactly the requested simulated time.
    const t0 = (await page.evaluate(() => window.dendrites.state())).spiking.time_ms;
    const run = await page.evaluate(() => window.dendrites.command('run', { duration_ms: 50 }));
    assert.equal(run.ok, true);
    const t1 = (await page.evaluate(() => window.dendrites.state())).spiking.time_ms;
    assert.ok(Math.abs(t1 - t0 - 50) < 1e-6, `run 50 ms advanced ${t1 - t0} ms`);
    // Back to the MLP lab: its state is where it was.
    assert.deepEqual(await page.evaluate(() => window.dendrites.command('lab', { name: 'mlp' })),
                     { ok: true });
    assert.equal((await page.evaluate(() => window.dendrites.state())).lab, 'mlp');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await browser.close();
    server.close();
  }
});
