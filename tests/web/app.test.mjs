// Browser test of the built page: it starts without console errors, draws a non-blank canvas,
// exposes window.dendrites, and training through the JS API lowers the test loss.
//   node tests/web/app.test.mjs build/wasm/dist
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, open, pngBusyness } from './browser.mjs';

const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const shots = path.resolve(dist, '..', '..', 'screenshots');

test('the MLP lab loads, draws, and trains through window.dendrites', { timeout: 120000 }, async () => {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await open(browser, server.url);
    await page.evaluate(() => window.dendrites.ready);
    await page.waitForTimeout(1000);  // a few frames

    const before = await page.evaluate(() => window.dendrites.state());
    for (const key of ['lab', 'layers', 'activation', 'optimizer', 'lr', 'batch', 'r', 'seed',
                       'running', 'epoch', 'step', 'train_loss', 'test_loss',
                       'samples_per_second'])
      assert.ok(key in before, `state() lacks ${key}`);
    assert.equal(before.lab, 'mlp');
    assert.deepEqual(before.layers, [1, 30, 1]);
    assert.equal(before.activation, 'sigmoid');
    assert.equal(before.optimizer, 'rmsprop');
    assert.equal(before.running, false);

    fs.mkdirSync(shots, { recursive: true });
    const shot = await page.screenshot({ path: path.join(shots, 'web-mlp.png') });
    const busy = pngBusyness(shot);
    assert.ok(busy > 0.02, `the canvas looks blank (busyness ${busy.toFixed(4)})`);

    assert.deepEqual(await page.evaluate(() => window.dendrites.command('step')), { ok: true });
    assert.equal((await page.evaluate(() => window.dendrites.state())).step, 1);
    const unknown = await page.evaluate(() => window.dendrites.command('fly'));
    assert.equal(unknown.ok, false);

    await page.evaluate(() => window.dendrites.command('play'));
    await page.waitForTimeout(5000);
    const after = await page.evaluate(() => window.dendrites.state());
    assert.equal(after.running, true);
    assert.ok(after.step > 100, `only ${after.step} steps in 5 s`);
    assert.ok(after.test_loss < before.test_loss,
              `test loss did not fall: ${before.test_loss} -> ${after.test_loss}`);
    await page.evaluate(() => window.dendrites.command('pause'));
    assert.equal((await page.evaluate(() => window.dendrites.state())).running, false);
    await page.evaluate(() => window.dendrites.command('reset'));
    assert.equal((await page.evaluate(() => window.dendrites.state())).step, 0);

    // Backprop step by step: 2N + 2 stages for N weight layers, the last one an online update.
    const stepsBefore = (await page.evaluate(() => window.dendrites.state())).step;
    let stage;
    for (let k = 1; k <= 6; k++) {
      stage = await page.evaluate(() => window.dendrites.command('backprop_stage'));
      assert.equal(stage.ok, true);
      assert.equal(stage.stage, k);
      assert.equal(stage.stages, 6);  // 1-30-1: two weight layers
      assert.ok(stage.text.length > 20);
      if (k === 4) {
        assert.match(stage.text, /Backward/);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(shots, 'web-mlp-backprop-stage.png') });
      }
    }
    assert.match(stage.text, /Update/);
    assert.equal((await page.evaluate(() => window.dendrites.state())).step, stepsBefore + 1);

    // The chain-rule inspector: a weight's gradient along one path and over all paths.
    assert.deepEqual(await page.evaluate(() =>
      window.dendrites.command('select_weight', { layer: 1, from: 0, to: 3 })), { ok: true });
    const chain = (await page.evaluate(() => window.dendrites.state())).chain;
    for (const key of ['factors', 'path_product', 'paths', 'backprop', 'finite_difference'])
      assert.ok(key in chain, `state().chain lacks ${key}`);
    const product = chain.factors.reduce((p, f) => p * f, 1);
    assert.ok(Math.abs(product - chain.path_product) <= 1e-12 * Math.abs(product) + 1e-300);
    const scale = Math.max(Math.abs(chain.backprop), 1e-12);
    assert.ok(Math.abs(chain.path_sum - chain.backprop) <= 1e-9 * scale, 'path sum != backprop');
    assert.ok(Math.abs(chain.finite_difference - chain.backprop) <= 1e-6 * scale + 1e-10,
              `finite difference ${chain.finite_difference} != backprop ${chain.backprop}`);
    assert.equal(chain.paths, 1);  // 1-30-1: from weight layer 1 one path through the output
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'web-mlp-chain-rule.png') });
    const bad = await page.evaluate(() =>
      window.dendrites.command('select_weight', { layer: 7, from: 0, to: 0 }));
    assert.equal(bad.ok, false);
    assert.match(bad.error, /layer/);

    assert.deepEqual(page.errors, [], 'console errors');
    console.log(`# steps in 5 s: ${after.step}, test loss ${before.test_loss.toExponential(3)} -> ` +
                `${after.test_loss.toExponential(3)}, ${Math.round(after.samples_per_second)} samples/s`);
  } finally {
    await browser.close();
    server.close();
  }
});
