// The spiking benchmarks in the browser: WebAssembly in headless Chromium, through the JS API.
// Each run builds the scene ('scene' then 'reset', not timed) and times 'run' of 1000 ms.
//   node bench/spiking_browser.mjs build/wasm/dist
import path from 'node:path';
import { serve } from '../tests/web/serve.mjs';
import { launch, open } from '../tests/web/browser.mjs';

const dist = path.resolve(process.argv[2] || 'build/wasm/dist');
const runs = { cuba: 5, 'izhikevich-1000': 5, brunel: 1 };
const server = await serve(dist);
const browser = await launch();
try {
  const page = await open(browser, server.url);
  await page.evaluate(() => window.dendrites.ready);
  for (const [scene, repeats] of Object.entries(runs)) {
    const seconds = [];
    let spikes = 0;
    for (let k = 0; k < repeats; k++) {
      const r = await page.evaluate((name) => {
        window.dendrites.command('scene', { name });
        window.dendrites.command('reset');
        return window.dendrites.command('run', { duration_ms: 1000 });
      }, scene);
      if (!r.ok) throw new Error(`${scene}: ${r.error}`);
      seconds.push(r.seconds);
      spikes = r.spikes;
    }
    seconds.sort((a, b) => a - b);
    console.log(`${scene.padEnd(16)} simulated 1000 ms  run ${seconds[0].toFixed(4)} s ` +
                `(best of ${repeats})  spikes ${spikes}`);
  }
} finally {
  await browser.close();
  server.close();
}
