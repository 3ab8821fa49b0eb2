// Browser test of the bridge between the labs: the clocked and unclocked networks run side by
// side with their work counters, k-bit weights and membranes, the mini-batch and animated
// backprop step-through, and the network of (x, r) with its bifurcation diagram.
//   node tests/web/bridge.test.mjs build/wasm/dist
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, open, pngBusyness, waitForState } from './browser.mjs';

const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const shots = path.resolve(dist, '..', '..', 'screenshots');

const command = (page, name, args) =>
  page.evaluate(([n, a]) => window.dendrites.command(n, a), [name, args]);
const state = (page) => page.evaluate(() => window.dendrites.state());

// Multiply-adds of one sample, counted from the widths: W a forward; delta a^T and W^T delta
// (no delta for the input layer) backward.
function multiplyAdds(layers) {
  let forward = 0, backward = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    forward += layers[l] * layers[l + 1];
    backward += (l === 0 ? 1 : 2) * layers[l] * layers[l + 1];
  }
  return { forward, backward };
}

test('the bridge lab: clock, analog and digital, step-through, many r', { timeout: 240000 }, async () => {
  fs.mkdirSync(shots, { recursive: true });
  const server = await serve(dist);
  const browser = await launch();
  try {
    // Clocked and unclocked, running together.
    const page = await open(browser, server.url + '?lab=bridge');
    await page.evaluate(() => window.dendrites.ready);
    let s = await state(page);
    assert.equal(s.lab, 'bridge');
    assert.equal(s.bridge.view, 'clock');
    assert.deepEqual(s.notices, []);
    const work = multiplyAdds(s.bridge.clock.layers);
    assert.equal(s.bridge.clock.multiply_adds_forward, work.forward);
    assert.equal(s.bridge.clock.multiply_adds_backward, work.backward);
    assert.equal(s.bridge.clock.ticks_per_sample, 2 * (s.bridge.clock.layers.length - 1) + 2);
    assert.deepEqual((await command(page, 'bridge', { ticks_per_second: 40, speed: 200 })).ok, true);
    await command(page, 'play');
    s = await waitForState(page, (x) => x.bridge.clock.samples >= 2 && x.bridge.spiking.time_ms > 300);
    const c = s.bridge.clock, k = s.bridge.spiking;
    assert.ok(c.samples >= 2, `the clocked network learned ${c.samples} samples`);
    assert.equal(c.multiply_adds, c.samples * (work.forward + work.backward));
    assert.ok(k.spikes > 0 && k.synaptic_events > k.spikes, `spikes ${k.spikes}, events ${k.synaptic_events}`);
    assert.ok(k.synaptic_events_per_second > 0);
    // Events happen only where spikes are: far fewer than every synapse every millisecond.
    assert.ok(k.synaptic_events_per_second < 0.5 * k.synapses * 1000);
    await page.waitForTimeout(300);
    let png = await page.screenshot({ path: path.join(shots, 'web-bridge-clock.png') });
    assert.ok(pngBusyness(png) > 0.02, 'the clock screen looks blank');
    await command(page, 'pause');

    // Analog and digital: k-bit weights of the MLP lab's network, and a k-bit membrane.
    assert.equal((await command(page, 'bridge', { view: 'analog', bits: 3 })).ok, true);
    assert.equal((await command(page, 'train', { epochs: 5 })).ok, true);
    s = await waitForState(page, (x) => x.bridge.analog.trained);
    const a = s.bridge.analog;
    assert.equal(a.bits, 3);
    assert.equal(a.mse_by_bits.length, 16);
    assert.ok(a.mse_by_bits[0] > a.mse_full, 'one bit per weight should cost accuracy');
    assert.ok(Math.abs(a.mse_by_bits[15] - a.mse_full) <= 0.05 * a.mse_full,
              `16 bits: ${a.mse_by_bits[15]} against ${a.mse_full}`);
    assert.equal(a.mse_quantized, a.mse_by_bits[2]);
    await command(page, 'play');
    s = await waitForState(page, (x) => x.bridge.analog.spikes_continuous >= 3);
    assert.ok(s.bridge.analog.spikes_continuous >= 3, 'the continuous cell does not fire');
    assert.equal(s.bridge.analog.spikes_digital, 0, 'a 3-bit membrane should be stuck');
    png = await page.screenshot({ path: path.join(shots, 'web-bridge-analog.png') });
    assert.ok(pngBusyness(png) > 0.02, 'the analog screen looks blank');
    // Bad settings are refused and change nothing.
    assert.equal((await command(page, 'bridge', { bits: 40 })).ok, false);
    assert.equal((await command(page, 'bridge', { view: 'quantum' })).ok, false);
    assert.equal((await state(page)).bridge.analog.bits, 3);

    // Training spikes: a surrogate gradient puts the spikes on their targets; the true
    // derivative of the spike gives a zero gradient and the weights never move.
    assert.equal((await command(page, 'bridge', { view: 'surrogate', surrogate: 'fast-sigmoid' })).ok, true);
    await command(page, 'reset');
    await command(page, 'play');
    s = await waitForState(page, (x) => x.bridge.surrogate.all_matched, 60000);
    let g = s.bridge.surrogate;
    assert.ok(g.all_matched, `spikes not on target after ${g.iteration} updates`);
    assert.ok(g.loss < 0.2 * g.initial_loss, `loss ${g.loss} from ${g.initial_loss}`);
    png = await page.screenshot({ path: path.join(shots, 'web-bridge-surrogate.png') });
    assert.ok(pngBusyness(png) > 0.02, 'the surrogate screen looks blank');
    await command(page, 'pause');
    await command(page, 'reset');
    assert.equal((await command(page, 'bridge', { surrogate: 'true' })).ok, true);
    await command(page, 'play');
    s = await waitForState(page, (x) => x.bridge.surrogate.iteration >= 20);
    g = s.bridge.surrogate;
    assert.equal(g.surrogate, 'true');
    assert.ok(g.iteration >= 20);
    assert.equal(g.gradient_norm, 0);
    assert.equal(g.weight_change, 0);
    assert.equal(g.loss, g.initial_loss);
    await command(page, 'pause');
    assert.equal((await command(page, 'bridge', { surrogate: 'magic' })).ok, false);

    // The step-through with a mini-batch: gradients add up, one update after the last sample.
    assert.equal((await command(page, 'step_through', { batch: 3, animate: false })).ok, true);
    s = await state(page);
    assert.equal(s.lab, 'mlp');
    assert.equal(s.backprop.batch, 3);
    const stepsBefore = s.step, stages = s.backprop.stages;
    const presses = 3 * (stages - 1) + 2 + 1;  // three samples, two hand-overs, the update
    for (let p = 1; p < presses; p++) {
      const r = await command(page, 'backprop_stage');
      assert.equal(r.ok, true);
      assert.equal((await state(page)).step, stepsBefore, `press ${p} already updated`);
    }
    await command(page, 'backprop_stage');
    s = await state(page);
    assert.equal(s.step, stepsBefore + 1);
    assert.equal(s.backprop.samples_summed, 3);
    assert.match(s.backprop.text, /mean gradient of all 3 samples/);
    await command(page, 'step_through', { batch: 1, animate: true, stages_per_second: 30 });
    s = await waitForState(page, (x) => x.backprop && x.backprop.updates >= 3);
    assert.ok(s.backprop.animating && s.backprop.updates >= 3, 'the animation does not advance');
    assert.equal((await command(page, 'step_through', { batch: 99 })).ok, false);
    png = await page.screenshot({ path: path.join(shots, 'web-mlp-sweep.png') });
    assert.ok(pngBusyness(png) > 0.02);

    // One network for every r: its bifurcation diagram next to the true one.
    const fam = await open(browser, server.url + '?lab=mlp&panels=controls,family');
    await fam.evaluate(() => window.dendrites.ready);
    const trained = await command(fam, 'family', { epochs: 3 });
    assert.equal(trained.ok, true);
    s = await waitForState(fam, (x) => x.family.diagram_current && x.family.diagram_complete, 60000);
    assert.ok(s.family.shown, 'the bifurcation tab is not showing');
    assert.ok(s.family.diagram_current, `diagram not done: ${JSON.stringify(s.family)}`);
    assert.ok(s.family.test_mse < 1e-3, `test MSE ${s.family.test_mse}`);
    png = await fam.screenshot({ path: path.join(shots, 'web-mlp-family.png') });
    assert.ok(pngBusyness(png) > 0.02);

    // A link with a bad value keeps the rest and says what it ignored.
    const bad = await open(browser, server.url + '?lab=bridge&view=analog&bits=99');
    await bad.evaluate(() => window.dendrites.ready);
    s = await state(bad);
    assert.equal(s.bridge.view, 'analog');
    assert.equal(s.bridge.analog.bits, 16);
    assert.ok(s.notices.some((n) => n.includes('bits=99')), JSON.stringify(s.notices));

    for (const p of [page, fam, bad]) assert.deepEqual(p.errors, [], 'console errors');
  } finally {
    await browser.close();
    server.close();
  }
});
