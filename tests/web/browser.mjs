// Launches Debian's Chromium through playwright-core (never a downloaded browser), headless,
// with WebGL2 on SwiftShader, and collects console errors of the pages it opens.
import { chromium } from 'playwright-core';
import zlib from 'node:zlib';

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           ...extraArgs],
  });
}

// Opens `url` in a new page; errors (console errors, uncaught exceptions) gather in page.errors.
export async function open(browser, url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  page.errors = [];
  page.on('console', (msg) => {
    // Chromium's own GPU performance notes are not the page's errors.
    if (msg.type() === 'error' && !/GL Driver Message|GPU stall/.test(msg.text()))
      page.errors.push(`${msg.text()} (${msg.location().url || 'page'})`);
  });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.goto(url);
  return page;
}

// Share of non-zero bytes in a PNG's filtered scanlines: close to 0 for a blank image, since a
// uniform row filters to zeros; a drawn interface gives far more.
export function pngBusyness(png) {
  let offset = 8;
  const idat = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  let nonzero = 0;
  for (const byte of raw) if (byte !== 0) nonzero++;
  return nonzero / raw.length;
}

// Polls `predicate(state)` on window.dendrites.state() until it holds or `ms` pass; returns the
// last state either way.
export async function waitForState(page, predicate, ms = 20000) {
  const until = Date.now() + ms;
  let state = await page.evaluate(() => window.dendrites.state());
  while (!predicate(state) && Date.now() < until) {
    await page.waitForTimeout(200);
    state = await page.evaluate(() => window.dendrites.state());
  }
  return state;
}
