#!/usr/bin/env node
// The page's long main-thread tasks at load in Debian's Chromium, counted as Lighthouse's simulated mobile run counts
// them: each task's observed time times 4 (its CPU slowdown), the blocking time being each task's time over 50 ms
// after the first contentful paint. Twice: by wall time (what Lighthouse sees, inflated when the machine is busy)
// and by the thread's CPU time (what the page itself costs, steady under load). Per run the long tasks and their
// biggest parts, then the medians. A tool for finding what blocks, not a test.
// Usage: node scripts/trace-longtasks.mjs [dist-dir] [--runs N] [--quiet]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const quiet = args.includes('--quiet');
const dist = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') || join(root, 'build/wasm-release/dist'));
const PAGE = '?s=de&k=can.6,pet500.4,beer.2#refund';  // the page Lighthouse measures (scripts/lighthouse)
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,loading';

const { serve } = await import(join(root, 'tests/web/serve.mjs'));
const { server, url } = await serve(dist);

// One cold load in a fresh profile (as Lighthouse does): the trace events of the page's renderer main thread.
async function traceOnce() {
  const profile = mkdtempSync(join(tmpdir(), 'returnloop-trace-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 412, height: 823 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(`${url}${PAGE}`);
    // Polled with a bare expression: Playwright's waitForFunction would add its own injected script to the trace.
    const ready = async () => (await cdp.send('Runtime.evaluate', { expression: 'document.documentElement.dataset.ready', returnByValue: true })).result.value === 'true';
    for (let t = 0; t < 300 && !(await ready()); t++) await new Promise((r) => setTimeout(r, 100));
    await page.waitForTimeout(3000);  // the work started after the figures (sections, explainer, idle tasks)
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    return events;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const SLOWDOWN = 4;  // Lighthouse's mobile CPU multiplier
const over50 = (ms) => Math.max(0, ms - 50);

// The renderer process the page committed in, its main thread, and the first contentful paint there.
function analyse(events) {
  const commits = events.filter((e) => e.name === 'FrameCommittedInBrowser' && e.args?.data?.url?.startsWith(url));
  const pid = commits.length ? commits[commits.length - 1].args.data.processId : null;
  const mainTid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args.name === 'CrRendererMain')?.tid;
  const thread = events.filter((e) => e.pid === pid && e.tid === mainTid);
  const fcp = thread.find((e) => e.name === 'firstContentfulPaint');
  const from = fcp ? fcp.ts : 0;
  const commit = commits.length ? commits[commits.length - 1].ts : 0;
  // The whole load by CPU time too: Lighthouse's simulation can put the first paint before a task seen before it.
  const cpuAll = thread.filter((e) => TASKS.has(e.name) && e.ts >= commit)
    .reduce((sum, e) => sum + over50(((e.tdur ?? e.dur) * SLOWDOWN) / 1000), 0);
  const tasks = thread.filter((e) => TASKS.has(e.name) && e.dur * SLOWDOWN > 50000 && e.ts + e.dur > from);
  let wall = 0;
  let cpu = 0;
  const lines = [];
  for (const t of tasks) {
    // A task that began before the first paint counts from the paint on (its CPU time in the same share).
    const share = t.ts < from ? (t.ts + t.dur - from) / t.dur : 1;
    wall += over50((t.dur * share * SLOWDOWN) / 1000);
    cpu += over50(((t.tdur ?? t.dur) * share * SLOWDOWN) / 1000);
    const parts = new Map();
    for (const e of thread) {
      if (e.ts < t.ts || e.ts >= t.ts + t.dur || !e.dur || TASKS.has(e.name) || e.dur * SLOWDOWN < 3000) continue;
      const name = e.name + (e.args?.data?.url ? `(${e.args.data.url.split('/').pop()})` : '');
      if (!parts.has(name)) parts.set(name, e.dur);  // the outermost event of each name (nested ones overlap it)
    }
    const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, d]) => `${n}=${((d * SLOWDOWN) / 1000).toFixed(0)}`);
    const ms = (us) => ((us * SLOWDOWN) / 1000).toFixed(0).padStart(4);
    lines.push(`  +${((t.ts - from) / 1000).toFixed(0).padStart(5)} ms: task ${ms(t.dur)} ms wall x4, ${ms(t.tdur ?? t.dur)} ms cpu x4  ${top.join(' ')}`);
  }
  return { wall, cpu, cpuAll, lines, fcpFound: !!fcp };
}

const walls = [];
const cpus = [];
const cpuAlls = [];
try {
  for (let i = 0; i < runs; i++) {
    const { wall, cpu, cpuAll, lines, fcpFound } = analyse(await traceOnce());
    walls.push(wall);
    cpus.push(cpu);
    cpuAlls.push(cpuAll);
    console.log(`run ${i + 1}: blocking ${wall.toFixed(0)} ms by wall time, ${cpu.toFixed(0)} ms by CPU time, after ${fcpFound ? 'first contentful paint' : 'navigation (no paint event found)'}; ${cpuAll.toFixed(0)} ms by CPU time in the whole load`);
    if (!quiet) console.log(lines.join('\n'));
  }
} finally {
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);
console.log(`median blocking time (x4) over ${runs} runs: ${median(walls)} ms by wall time (${walls.map((b) => b.toFixed(0)).join(', ')}), ` +
  `${median(cpus)} ms by CPU time (${cpus.map((b) => b.toFixed(0)).join(', ')}); whole load by CPU time ${median(cpuAlls)} ms`);
