// The shared set-up of the Chromium tests of the page's lazily loaded views (history, compare, poster): the built
// dist/ served on a free port, one Debian Chromium (playwright-core), a fresh context per page, axe-core's check.
// RETURNLOOP_DIST: the assembled dist/; RETURNLOOP_ARTIFACTS: where the screenshots go.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { serve } from './serve.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(process.env.RETURNLOOP_DIST || join(root, 'build/wasm-release/dist'));
export const artifacts = resolve(process.env.RETURNLOOP_ARTIFACTS || join(root, 'artifacts/web'));
const require = createRequire(join(root, 'package.json'));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The served page's address and the browser, set by the hooks that useBrowser() registers.
export const site = { base: '', browser: null, server: null };

export function useBrowser() {
  before(async () => {
    assert.ok(existsSync(join(dist, 'index.html')), `${dist}/index.html is missing: run scripts/build-web-dist`);
    mkdirSync(artifacts, { recursive: true });
    ({ server: site.server, url: site.base } = await serve(dist));
    const { chromium } = require('playwright-core');
    site.browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    if (site.browser) await site.browser.close();
    if (site.server) site.server.close();
  });
}

// A fresh browser context per page (no language choice, storage or service worker carried between tests), opened at
// `${query}${hash}` and returned once the page's figures are up; page.fetched lists every URL it requested.
export async function openPage(query, { width = 1280, hash = '' } = {}) {
  const context = await site.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  page.problems = [];
  page.fetched = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  page.on('request', (r) => page.fetched.push(r.url()));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${site.base}${query}${hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return page;
}

export async function axe(page, what) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations (${what})`);
}
