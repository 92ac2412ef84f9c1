#!/usr/bin/env node
// Frontend bench: bundles the plugin (size) and a bench page (render timings), then drives headless Chromium.
// Prints key=value lines: logs_first_paint_ms, logs_dom_rows, waterfall_render_ms, plugin_js_gz_kb.
// esbuild and playwright-core are root devDependencies, shared with the e2e harness.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { build } from 'esbuild';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const chromiumLaunch = JSON.parse(
  readFileSync(resolve(pkg, '../../scripts/chromium.json'), 'utf8'),
);
const out = mkdtempSync(join(tmpdir(), 'platform-frontend-bench-'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LOG_LINES = 10000;
const SPANS = 5000;

const production = {
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  logLevel: 'error',
  loader: { '.svg': 'dataurl', '.png': 'dataurl' },
};

// 1. The plugin's own JS: the "." entry as an app would load it, with everything the app already ships
//    (React, MUI, Backstage, react-use, react-router) external; react-window and platform-common are counted.
async function pluginSize() {
  const result = await build({
    ...production,
    entryPoints: [join(pkg, 'src/index.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(out, 'plugin'),
    metafile: true,
    external: [
      'react',
      'react-dom',
      'react/*',
      'react-dom/*',
      'react-router',
      'react-router-dom',
      '@material-ui/*',
      '@backstage/*',
      'react-use',
      'react-use/*',
    ],
  });
  let total = 0;
  let entry = 0;
  let largestLazy = 0;
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const gz = gzipSync(readFileSync(resolve(file))).length;
    total += gz;
    if (meta.entryPoint) entry = gz;
    else largestLazy = Math.max(largestLazy, gz);
  }
  return {
    total: total / 1024,
    entry: entry / 1024,
    largestLazy: largestLazy / 1024,
  };
}

// 2. The bench page: the real LogViewer and TraceDetailView with React and MUI bundled in.
async function benchPage() {
  await build({
    ...production,
    entryPoints: [join(here, 'page.tsx')],
    bundle: true,
    format: 'iife',
    outfile: join(out, 'page', 'page.js'),
  });
  writeFileSync(
    join(out, 'page', 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div><script src="page.js"></script></body></html>',
  );
  return join(out, 'page', 'index.html');
}

const print = line => process.stdout.write(`${line}\n`);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = x => x.toFixed(1);

const started = Date.now();
const headline = {};
try {
  const size = await pluginSize();
  const html = await benchPage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? chromiumLaunch.executablePath,
    args: chromiumLaunch.args,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`file://${html}`);
    await page.waitForFunction(() => window.benchReady === true);
    const logs = [];
    const waterfall = [];
    // The first run is cold (styles injected, code not yet optimised), as when a card first opens.
    for (let i = 0; i < RUNS; i++) {
      logs.push(await page.evaluate(n => window.bench.logs(n), LOG_LINES));
      waterfall.push(
        await page.evaluate(n => window.bench.waterfall(n), SPANS),
      );
    }
    headline.logs_first_paint_ms = fmt(logs[0].ms);
    headline.logs_dom_rows = logs[0].rows;
    headline.waterfall_render_ms = fmt(waterfall[0].ms);
    print(
      `logs_first_paint_ms_warm_median=${fmt(
        median(logs.slice(1).map(r => r.ms)),
      )}`,
    );
    print(
      `waterfall_render_ms_warm_median=${fmt(
        median(waterfall.slice(1).map(r => r.ms)),
      )}`,
    );
    print(`waterfall_dom_rows=${waterfall[0].rows}`);
  } finally {
    await browser.close();
  }
  headline.plugin_js_gz_kb = fmt(size.total);
  print(`plugin_js_entry_gz_kb=${fmt(size.entry)}`);
  print(`plugin_js_largest_lazy_chunk_gz_kb=${fmt(size.largestLazy)}`);
  print(
    `plugin_js_method=esbuild-minified-esm-splitting,externals=react,react-dom,react-router(-dom),@material-ui/*,@backstage/*,react-use`,
  );
  print(`bench_total_s=${fmt((Date.now() - started) / 1000)}`);
  // The figures the issue asks for come last, in its order.
  for (const [name, value] of Object.entries(headline))
    print(`${name}=${value}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
