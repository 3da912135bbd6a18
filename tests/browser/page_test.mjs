// Browser test of the results page (`firmsim report`) and the live demo (`firmsim serve`) in
// headless Chromium, driven by playwright-core. Registered in ctest by tests/CMakeLists.txt.
//   node page_test.mjs --firmsim EXE --modules NODE_MODULES --chromium BROWSER --out DIR [--no-live]
// Checks: no console errors, charts and network drawn (non-blank canvases, map svg), the step
// slider changes the view, a click on a firm opens its panel; live demo: step and start advance
// the model; an arms experiment draws its effects and effect curves. Screenshots go to DIR.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) throw new Error(`missing ${name}`);
  return args[i + 1];
};
const firmsim = path.resolve(option('--firmsim'));
const modules = path.resolve(option('--modules'));
const browserPath = option('--chromium');
const out = path.resolve(option('--out'));
const live = !args.includes('--no-live');
// Exit code 77: ctest reports the test as skipped (SKIP_RETURN_CODE).
let chromium;
try {
  ({ chromium } = createRequire(path.join(modules, 'resolve.js'))('playwright-core'));
} catch (e) {
  console.log(`SKIP: playwright-core is not installed in ${modules} (build the firmsim target first: npm ci runs there)`);
  process.exit(77);
}
if (!existsSync(browserPath)) {
  console.log(`SKIP: no browser at ${browserPath} (Debian: apt-get install chromium)`);
  process.exit(77);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures += 1;
}

function runFirmsim(...cmd) {
  const r = spawnSync(firmsim, cmd, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`firmsim ${cmd.join(' ')} failed (${r.status}): ${r.stderr}`);
}

// Watches a page for console errors and uncaught exceptions.
function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    // The live demo serves no favicon; the browser asks for one anyway.
    if (m.type() === 'error' && !(m.location()?.url || '').endsWith('/favicon.ico')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.stack || String(e)));
  return errors;
}

// The fraction of sampled pixels of a canvas that are not (almost) the background.
async function inkOf(page, selector) {
  return page.$eval(selector, (c) => {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width || !c.height) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0, n = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      n += 1;
      if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) ink += 1;
    }
    return ink / Math.max(1, n);
  });
}

async function networkSignature(page) {
  return page.evaluate(() => {
    const f = window.firmsim.explorer.frame;
    return `${f.step}:${f.firms.id.length}:${f.ties.source.length}:${document.getElementById('step-label').textContent}`;
  });
}

// Clicks the first drawn firm that has a position on screen; returns its id.
async function clickAFirm(page) {
  // The force layout may still move a firm between reading its position and the click (most of
  // all in the live demo, whose last frames arrive after Pause): up to five tries, each waiting
  // for the panel of the firm clicked. Returns the id of the firm whose panel opened, or null.
  for (let attempt = 0; attempt < 5; ++attempt) {
    await page.waitForTimeout(800);  // let the layout settle a little
    const target = await page.evaluate(() => {
      const ex = window.firmsim.explorer;
      // Firms with ties first, so the panel has ties (and why they formed) to show.
      const ids = [...ex.frame.firms.id].sort((a, b) => ex.frame.tiesOf(b).length - ex.frame.tiesOf(a).length);
      for (const id of ids) {
        const p = ex.network.screenPosition(id);
        const r = ex.network.canvas.getBoundingClientRect();
        if (p && p.x > r.left + 5 && p.x < r.right - 5 && p.y > r.top + 5 && p.y < r.bottom - 5) return { id, ...p };
      }
      return null;
    });
    if (!target) continue;
    await page.mouse.click(target.x, target.y);
    try {
      await page.waitForFunction((id) => {
        const panel = document.querySelector('#firm-panel');
        return panel !== null && panel.innerText.includes(`Firm ${id}`);
      }, target.id, { timeout: 2000 });
      return target.id;
    } catch (e) {
      // the click missed the moving firm: read its position again
    }
  }
  return null;
}

async function testReport(browser) {
  const dir = path.join(out, 'run');
  rmSync(dir, { recursive: true, force: true });
  runFirmsim('run', '--steps', '20', '--snapshot-every', '4', '--out', dir, '--quiet');
  runFirmsim('report', dir, '--quiet');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(`file://${path.join(dir, 'report.html')}`);
  await page.waitForFunction(() => window.firmsim && window.firmsim.explorer, null, { timeout: 10000 });
  await page.waitForTimeout(1500);
  check(await page.locator('.charts-panel canvas').count() > 0, 'report: time-series charts exist');
  check(await inkOf(page, '.charts-panel canvas') > 0.001, 'report: a chart has ink');
  check(await inkOf(page, 'canvas.network-canvas') > 0.001, 'report: the network has ink');
  check(await page.locator('svg.map circle').count() > 0, 'report: the map draws regions');
  check(await page.locator('#tie-legend *').count() > 0, 'report: tie legend drawn');

  const slider = page.locator('#step-slider');
  const before = await networkSignature(page);
  await slider.fill('0');
  await slider.dispatchEvent('input');
  await page.waitForTimeout(300);
  const after = await networkSignature(page);
  check(before !== after, `report: the step slider changes the view (${before} -> ${after})`);
  await page.screenshot({ path: path.join(out, 'report_first_step.png') });

  await slider.fill(String(await slider.getAttribute('max')));
  await slider.dispatchEvent('input');
  const id = await clickAFirm(page);
  check(id != null, 'report: a firm is on screen');
  if (id != null) {
    await page.waitForTimeout(200);
    const panel = await page.locator('#firm-panel').innerText();
    check(panel.includes(`Firm ${id}`), `report: clicking firm ${id} opens its panel`);
    check(/why it formed/.test(panel) && /Ties \([1-9]/.test(panel), 'report: the panel lists the firm\'s ties and why they formed');
  }
  await page.screenshot({ path: path.join(out, 'report.png'), fullPage: true });
  check(requests.length === 0, `report: nothing fetched from the network (${requests.join(', ')})`);
  check(errors.length === 0, `report: no console errors (${errors.join(' | ')})`);
  await page.close();
}

async function testExperiment(browser) {
  const dir = path.join(out, 'experiment');
  rmSync(dir, { recursive: true, force: true });
  const source = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../scenarios/experiments/smoke.json');
  runFirmsim('experiment', source, '--out', dir, '--quiet');
  runFirmsim('report', dir, '--quiet');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`file://${path.join(dir, 'report.html')}`);
  await page.waitForFunction(() => window.firmsim, null, { timeout: 10000 });
  await page.waitForTimeout(500);
  check(await page.locator('canvas').count() > 0 && await inkOf(page, 'canvas') > 0.001,
    'experiment: the charts with confidence bands are drawn');
  await page.screenshot({ path: path.join(out, 'experiment.png'), fullPage: true });
  check(errors.length === 0, `experiment: no console errors (${errors.join(' | ')})`);
  await page.close();
}

// An arms experiment: the effects (forest plots with their intervals) and the effect curves.
async function testEffects(browser) {
  const dir = path.join(out, 'effects');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const smoke = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../scenarios/experiments/smoke.json');
  const doc = JSON.parse(readFileSync(smoke, 'utf8'));
  delete doc.$schema;
  doc.name = 'effects';
  doc.design = { kind: 'arms', replications: 3, arms: [{ name: 'baseline' },
    { name: 'demand_down', set: { '/market/demand_growth': -0.4 } }] };
  const file = path.join(out, 'effects.json');
  writeFileSync(file, JSON.stringify(doc));
  runFirmsim('experiment', file, '--out', dir, '--quiet');
  runFirmsim('report', dir, '--quiet');
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`file://${path.join(dir, 'report.html')}`);
  await page.waitForFunction(() => window.firmsim, null, { timeout: 10000 });
  await page.waitForTimeout(500);
  check(await page.locator('#effects svg.forest circle').count() > 0, 'effects: each arm\'s effect is marked');
  check(await page.locator('#effects svg.forest line.ci').count() > 0, 'effects: with its confidence interval');
  check(await page.locator('#effects figure[data-metric="output"] svg.forest g.effect.clear').count() === 1,
    'effects: the demand slump clearly lowers output');
  check(await page.locator('#effects canvas').count() > 0 && await inkOf(page, '#effects canvas') > 0.001,
    'effects: the effect curves with their bands are drawn');
  await page.screenshot({ path: path.join(out, 'effects.png'), fullPage: true });
  check(errors.length === 0, `effects: no console errors (${errors.join(' | ')})`);
  await page.close();
}

function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(firmsim, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const timer = setTimeout(() => reject(new Error(`firmsim serve did not start: ${text}`)), 15000);
    const onData = (d) => {
      text += d;
      const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[0] });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d) => { text += d; });
    proc.on('exit', (code) => reject(new Error(`firmsim serve exited (${code}): ${text}`)));
  });
}

async function testLive(browser) {
  const { proc, url } = await startServer();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(url);
    await page.waitForFunction(() => window.firmsim && window.firmsim.explorer, null, { timeout: 10000 });
    const stepOf = () => page.evaluate(() => window.firmsim.status.step);
    const s0 = await stepOf();
    await page.click('#live-step');
    await page.waitForFunction((s) => window.firmsim.status.step > s, s0, { timeout: 10000 });
    check(true, 'live: Step advances the model');
    await page.click('#live-start');
    await page.waitForFunction((s) => window.firmsim.status.step >= s + 4, s0, { timeout: 15000 });
    check(true, 'live: Start runs the model and the page follows');
    await page.click('#live-pause');
    await page.waitForTimeout(600);
    check(await inkOf(page, 'canvas.network-canvas') > 0.001, 'live: the network has ink');
    check(await inkOf(page, '.charts-panel canvas') > 0.001, 'live: a chart has ink');
    check(await page.locator('.params input[type=range]').count() > 0, 'live: parameter sliders exist');
    await page.screenshot({ path: path.join(out, 'live_running.png'), fullPage: true });
    const id = await clickAFirm(page);
    check(id != null && (await page.locator('#firm-panel').innerText()).includes(`Firm ${id}`),
      'live: clicking a firm opens its panel');
    await page.click('#live-reset');
    await page.waitForFunction(() => window.firmsim.status.step === 0, null, { timeout: 10000 });
    check(true, 'live: Reset restarts the model');
    const switched = await page.evaluate(async () => {
      const res = await fetch('/api/control', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'reset', values: { '/policy/brokerage_programme': 1 } }) });
      const answer = await res.json();
      const state = await (await fetch('/api/state?generation=0&since=-1&frame_step=-2')).json();
      const params = (state.status || state).params || [];
      const p = params.find((q) => q.pointer === '/policy/brokerage_programme');
      return { ok: answer.ok, value: p ? p.value : null };
    });
    check(switched.ok && switched.value === 1, `live: the brokerage switch turns the programme on (${JSON.stringify(switched)})`);
    await page.screenshot({ path: path.join(out, 'live.png'), fullPage: true });
    check(errors.length === 0, `live: no console errors (${errors.join(' | ')})`);
    await page.close();
  } finally {
    proc.kill('SIGTERM');
  }
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
try {
  await testReport(browser);
  await testExperiment(browser);
  await testEffects(browser);
  if (live) await testLive(browser);
  else console.log('live demo not tested: this firmsim has no `serve` (no cpp-httplib)');
} catch (e) {
  check(false, String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed; screenshots in ${out}` : `all checks passed; screenshots in ${out}`);
process.exit(failures ? 1 : 0);
