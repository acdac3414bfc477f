#!/usr/bin/env node
'use strict';
// Web console figures in headless Chromium against a real host (apps/orchestrator/dist/main.js serving
// apps/web/dist):
//  - first paint of the Run page of a finished 1 000-task run: navigation start to the first DAG node on
//    screen (the page replays the run's log, folds it, lays the graph out, draws it); baseline: a 5-task run;
//  - frame times while a 10 000-task run streams its events into an open Run page: requestAnimationFrame
//    deltas from the first event shown to the run's end (p50 / p99 / max); baseline: the idle page.
// Prints a table, writes bench/results/web.json; with --json prints one JSON line (bench/run.js).
// Usage: node bench/web.js [--quick] [--json]   (needs `npx nx run web:build` and `npx nx run orchestrator:build`)
// CHROMIUM_PATH=/path/to/chromium overrides /usr/bin/chromium; BENCH_WEB_URL=http://host:port uses a running host.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { freePort } = require('./free-port');

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const root = path.join(__dirname, '..');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A seeded layered DAG of simulator tasks: `levels` ranks of `width`, each task on 1–3 tasks of the rank before. */
function layeredPlan(levels, width, durationMs, seed = 7) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const tasks = [];
  for (let level = 0; level < levels; level++) {
    for (let i = 0; i < width; i++) {
      const dependencies = new Set();
      if (level > 0) for (let k = 1 + Math.floor(next() * 3); k > 0; k--) dependencies.add(`t${level - 1}_${Math.floor(next() * width)}`);
      tasks.push({ id: `t${level}_${i}`, description: `task ${i} of level ${level}`, agent: 'simulator', dependencies: [...dependencies], input: { durationMs } });
    }
  }
  return { name: `layered-${levels}x${width}`, tasks };
}


/** The stock host on a free port, serving the built console; resolves once it listens. */
async function startHost() {
  if (process.env.BENCH_WEB_URL) return { url: process.env.BENCH_WEB_URL.replace(/\/+$/, ''), stop: async () => {} };
  const main = path.join(root, 'apps', 'orchestrator', 'dist', 'main.js');
  const page = path.join(root, 'apps', 'web', 'dist', 'index.html');
  for (const [file, build] of [[main, 'orchestrator'], [page, 'web']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: build it first (npx nx run ${build}:build)`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, RUN_STORE: 'memory', LOG_LEVEL: 'warn', PORT: String(port), ENABLE_OBSERVABILITY: 'false', RUN_RETENTION: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${output}`)));
    const poll = async () => {
      try {
        if ((await fetch(`${url}/health`)).ok) return resolve();
      } catch {
        // not listening yet
      }
      setTimeout(poll, 100);
    };
    void poll();
  });
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

async function startRun(url, plan, extra = {}) {
  const response = await fetch(`${url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan, ...extra }) });
  if (response.status !== 202) throw new Error(`POST /v1/runs answered ${response.status}: ${await response.text()}`);
  return (await response.json()).runId;
}

async function waitForRun(url, runId) {
  for (;;) {
    const run = await (await fetch(`${url}/v1/runs/${runId}`)).json();
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const median = (values) => percentile([...values].sort((a, b) => a - b), 50);
const round = (v) => Math.round(v * 10) / 10;

/** Navigation start to the first DAG node drawn (performance.now() in the page is ms since navigation). */
async function firstPaint(browser, url, runId) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(`${url}/#/runs/${runId}`);
    const at = await page.waitForFunction(() => (document.querySelector('[data-testid=dag-node]') ? performance.now() : false), null, { polling: 'raf', timeout: 300_000 });
    const paintMs = await at.jsonValue();
    const layout = await page.getAttribute('[data-testid=dag-view]', 'data-layout');
    await page.waitForSelector('[data-testid=run-status][data-status=completed]', { timeout: 300_000 });
    return { paintMs, layout };
  } finally {
    await page.close();
  }
}

/** Baseline for the frame times: rAF deltas over `ms` on the Run page of a finished run, nothing streaming. */
async function idleFrames(browser, url, runId, ms) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(`${url}/#/runs/${runId}`);
    await page.waitForSelector('[data-testid=run-status][data-status=completed]', { timeout: 300_000 });
    await page.waitForSelector('[data-testid=dag-node]', { timeout: 300_000 });
    const deltas = await page.evaluate(
      (span) =>
        new Promise((resolve) => {
          const out = [];
          let last = performance.now();
          const end = last + span;
          const tick = (now) => {
            out.push(now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve(out);
          };
          requestAnimationFrame(tick);
        }),
      ms,
    );
    const sorted = deltas.slice(1).sort((a, b) => a - b);
    return { frames: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1]) };
  } finally {
    await page.close();
  }
}

/** rAF deltas from the first event shown until the run's end, on a page opened as the run starts. */
async function streamFrames(browser, url, plan) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.addInitScript(() => {
      const frames = [];
      window.__frames = frames;
      let last = performance.now();
      const tick = (now) => {
        frames.push([now, now - last]);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // A page of the console that loads nothing, so the recorder runs before the Run page opens.
    await page.goto(`${url}/#/not-a-page`);
    const runId = await startRun(url, plan);
    const openedAt = await page.evaluate(() => performance.now());
    await page.goto(`${url}/#/runs/${runId}`);
    const firstEvent = await (
      await page.waitForFunction(() => (document.querySelector('[data-testid=event-row]') ? performance.now() : false), null, { polling: 'raf', timeout: 300_000 })
    ).jsonValue();
    const nodesAt = await (
      await page.waitForFunction(() => (document.querySelector('[data-testid=dag-node]') ? performance.now() : false), null, { polling: 'raf', timeout: 300_000 })
    ).jsonValue();
    const doneAt = await (
      await page.waitForFunction(() => (document.querySelector('[data-testid=run-status][data-status=completed]') ? performance.now() : false), null, { polling: 'raf', timeout: 600_000 })
    ).jsonValue();
    const count = await page.getAttribute('[data-testid=run-events]', 'data-count');
    const deltas = (await page.evaluate(() => window.__frames)).filter(([at]) => at > firstEvent && at <= doneAt).map(([, delta]) => delta);
    const sorted = deltas.sort((a, b) => a - b);
    const layout = await page.getAttribute('[data-testid=dag-view]', 'data-layout');
    return {
      tasks: plan.tasks.length,
      events: Number(count),
      firstEventMs: round(firstEvent - openedAt),
      dagNodesMs: round(nodesAt - openedAt),
      streamMs: round(doneAt - firstEvent),
      layout,
      frames: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted[sorted.length - 1]),
      over50Ms: sorted.filter((delta) => delta > 50).length,
    };
  } finally {
    await page.close();
  }
}

async function figures() {
  // Frame times depend on what else the machine does: the figures carry its load.
  const machine = { cpus: os.cpus().length, loadAverage1mBefore: round(os.loadavg()[0]) };
  const host = await startHost();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    // 1 000 tasks: 20 ranks of 50, zero-work simulator tasks; the run is finished before the page opens.
    const thousand = layeredPlan(20, 50, 0);
    const thousandRun = await startRun(host.url, thousand);
    await waitForRun(host.url, thousandRun);
    // Baseline in the same run: the same page for a 5-task run (loading the console, replay, layout floor).
    const small = layeredPlan(1, 5, 0);
    const smallRun = await startRun(host.url, small);
    await waitForRun(host.url, smallRun);
    const paints = [];
    const smallPaints = [];
    let layout;
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const paint = await firstPaint(browser, host.url, thousandRun);
      paints.push(paint.paintMs);
      layout = paint.layout;
      smallPaints.push((await firstPaint(browser, host.url, smallRun)).paintMs);
    }
    const idle = await idleFrames(browser, host.url, thousandRun, quick ? 1500 : 3000);
    // 10 000 tasks: 100 ranks of 100, 30 ms each, streamed live into the page.
    const big = quick ? layeredPlan(50, 100, 20) : layeredPlan(100, 100, 30);
    const stream = await streamFrames(browser, host.url, big);
    return {
      firstPaint: { tasks: thousand.tasks.length, layout, samples: paints.length, medianMs: round(median(paints)), minMs: round(Math.min(...paints)), maxMs: round(Math.max(...paints)) },
      firstPaintBaseline: { tasks: small.tasks.length, samples: smallPaints.length, medianMs: round(median(smallPaints)), minMs: round(Math.min(...smallPaints)), maxMs: round(Math.max(...smallPaints)) },
      stream,
      idleFrames: { tasks: thousand.tasks.length, ...idle },
      chromium: browser.version(),
      machine: { ...machine, loadAverage1mAfter: round(os.loadavg()[0]) },
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

function printWeb(web) {
  console.log(`\nWeb console (headless Chromium ${web.chromium}; ${web.machine.cpus} CPUs, load ${web.machine.loadAverage1mBefore} → ${web.machine.loadAverage1mAfter}): first paint of the Run page of a finished ${web.firstPaint.tasks}-task run, navigation to the first DAG node (${web.firstPaint.samples} loads)`);
  console.log(table([{ run: 'measured', ...web.firstPaint }, { run: 'baseline', layout: '-', ...web.firstPaintBaseline }], ['run', 'tasks', 'layout', 'medianMs', 'minMs', 'maxMs']));
  console.log(
    `Frame times while a ${web.stream.tasks}-task run streams into a Run page opened as it starts (requestAnimationFrame deltas from the first event shown to the run's end; first event and first DAG node in ms after opening the page)`,
  );
  console.log(table([web.stream], ['tasks', 'events', 'firstEventMs', 'dagNodesMs', 'streamMs', 'layout', 'frames', 'p50Ms', 'p99Ms', 'maxMs', 'over50Ms']));
  console.log(`Baseline, same run: frame times on the Run page of the finished ${web.idleFrames.tasks}-task run, nothing streaming`);
  console.log(table([web.idleFrames], ['tasks', 'frames', 'p50Ms', 'p99Ms', 'maxMs']));
}

module.exports = { printWeb };

if (require.main === module) {
  figures()
    .then((web) => {
      if (asJson) {
        console.log(JSON.stringify(web));
        return;
      }
      printWeb(web);
      const dir = path.join(__dirname, 'results');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'web.json'), JSON.stringify(web, null, 2) + '\n');
      console.log(`\nwrote ${path.relative(process.cwd(), path.join(dir, 'web.json'))}`);
    })
    .catch((error) => {
      console.error(error);
      // The last line says what failed (bench/run.js shows it when it skips these figures).
      console.error(`web.js: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      process.exitCode = 1;
    });
}
