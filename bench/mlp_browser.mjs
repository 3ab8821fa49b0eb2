// The reference experiment in the browser: WebAssembly in headless Chromium, through the JS API
// (command 'train' with 25 epochs, after a reset, seeds 1 to 5).
//   node bench/mlp_browser.mjs build/wasm/dist
import path from 'node:path';
import { serve } from '../tests/web/serve.mjs';
import { launch, open } from '../tests/web/browser.mjs';

const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const server = await serve(dist);
const browser = await launch();
try {
  const page = await open(browser, server.url);
  await page.evaluate(() => window.dendrites.ready);
  const seconds = [];
  for (let seed = 1; seed <= 5; seed++) {
    const r = await page.evaluate(() => {
      window.dendrites.command('reset');
      return window.dendrites.command('train', { epochs: 25 });
    });
    seconds.push(r.seconds);
    console.log(`run ${seed}  ${r.seconds.toFixed(4)} s  ${(250000 / r.seconds).toPrecision(3)} samples/s  test_mse ${r.test_mse.toExponential(3)}`);
  }
  seconds.sort((a, b) => a - b);
  console.log(`median: ${seconds[2].toFixed(4)} s per run (${(250000 / seconds[2]).toPrecision(3)} samples/s)`);
} finally {
  await browser.close();
  server.close();
}
