// Browser test of the live map: Debian's Chromium driven by playwright-core.
// Usage: node map.test.mjs BASE_URL AREA_NAME [SCREENSHOT.png]
// Passes (exit 0) when the named area's polygon turns red and the side panel lists it; fails (exit 1) with the reason.
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
  if (screenshot) await page.screenshot({ path: screenshot });
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  if (external.length) throw new Error(`the map fetched from outside the server: ${external.join(', ')}`);
  console.log(`ok: ${area} is red (${fill}) and listed in the panel (countdown cell: ${countdown})`);
} catch (e) {
  console.error(`map test failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
