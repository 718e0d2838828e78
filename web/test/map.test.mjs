// Browser test of the live map: Debian's Chromium driven by playwright-core.
// Usage: node map.test.mjs BASE_URL AREA_NAME [SCREENSHOT.png]
// Passes (exit 0) when the named area's polygon turns red, the side panel lists it and, zoomed out, no two shown
// countdown labels overlap; fails (exit 1) with the reason.
import { chromium } from 'playwright-core';

const [base, area, screenshot] = process.argv.slice(2);
if (!base || !area) {
  console.error('usage: node map.test.mjs BASE_URL AREA_NAME [SCREENSHOT.png]');
  process.exit(2);
}

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const external = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  // The map must work offline: record any request that leaves the server.
  page.on('request', r => { if (!r.url().startsWith(base)) external.push(r.url()); });
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForFunction(() => Number(document.getElementById('map').dataset.areas || 0) > 1000, null, { timeout: 30000 });
  const selector = `path.area.alerted[data-name="${area.replace(/"/g, '\\"')}"]`;
  await page.waitForSelector(selector, { timeout: 60000 });
  const fill = await page.$eval(selector, el => el.getAttribute('fill'));
  if (fill.toLowerCase() !== '#d32f2f') throw new Error(`the polygon of ${area} is filled ${fill}, not red`);
  await page.waitForFunction(name => [...document.querySelectorAll('#alerts li .name')].some(e => e.textContent === name), area, { timeout: 30000 });
  const countdown = await page.$eval(`#alerts li[data-area] .countdown`, el => el.textContent);
  // Zoomed out, the countdown labels of neighbouring alerted areas would overlap: the shown ones must not.
  await page.evaluate(() => new Promise(done => { map.once('zoomend', () => setTimeout(done, 700)); map.setZoom(7); }));
  const labels = await page.evaluate(() => [...document.querySelectorAll('.area-countdown')].map(el => {
    const r = el.getBoundingClientRect();
    return { shown: getComputedStyle(el).visibility !== 'hidden', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }));
  const shown = labels.filter(l => l.shown);
  if (shown.length === 0) throw new Error(`no countdown label is shown of ${labels.length}`);
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const [a, b] = [shown[i], shown[j]];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) throw new Error(`two shown countdown labels overlap at zoom 7: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    }
  }
  if (screenshot) await page.screenshot({ path: screenshot });
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  if (external.length) throw new Error(`the map fetched from outside the server: ${external.join(', ')}`);
  console.log(`ok: ${area} is red (${fill}) and listed in the panel (countdown cell: ${countdown}); at zoom 7, ${shown.length} of ${labels.length} countdown labels shown, none overlapping`);
} catch (e) {
  console.error(`map test failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
