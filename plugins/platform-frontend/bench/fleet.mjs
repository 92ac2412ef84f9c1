#!/usr/bin/env node
// Fleet table bench: the render time of the fleet table in headless Chromium, for a fleet answer recorded
// from the backend (yarn bench:fleet passes the 500-row answer of its fleet route).
// Usage: node bench/fleet.mjs <fleet-answer.json>
// Prints fleet_table_render_ms_loads, fleet_table_render_ms_p95, fleet_table_dom_rows (the table's first
// page) and, last,
// fleet_table_render_ms=<median over the loads>. What one load measures: bench/fleetPage.tsx.
// The page and the answer are served from 127.0.0.1 on a free port, so no lock is needed.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { build } from 'esbuild';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const chromiumLaunch = JSON.parse(
  readFileSync(resolve(here, '../../../scripts/chromium.json'), 'utf8'),
);
const LOADS = Number(process.env.BENCH_RUNS ?? 9);

const answerPath = process.argv[2];
if (!answerPath) {
  process.stderr.write('usage: node bench/fleet.mjs <fleet-answer.json>\n');
  process.exit(2);
}
const answer = readFileSync(answerPath);
const expectedRows = JSON.parse(answer.toString()).rows?.length;
if (!Number.isInteger(expectedRows) || expectedRows < 1) {
  process.stderr.write(`${answerPath}: not a fleet answer with rows\n`);
  process.exit(2);
}

const out = mkdtempSync(join(tmpdir(), 'platform-fleet-bench-'));
const print = line => process.stdout.write(`${line}\n`);
const sorted = xs => [...xs].sort((a, b) => a - b);
const median = xs => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = xs => sorted(xs)[Math.ceil(xs.length * 0.95) - 1];

try {
  await build({
    entryPoints: [join(here, 'fleetPage.tsx')],
    bundle: true,
    format: 'iife',
    minify: true,
    define: {
      'process.env.NODE_ENV': '"production"',
      // @backstage/test-utils reads these at import time; the page is no test.
      'process.env': '{}',
    },
    jsx: 'automatic',
    logLevel: 'error',
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    outfile: join(out, 'page.js'),
  });
  const files = {
    '/': [
      'text/html',
      '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div><script src="page.js"></script></body></html>',
    ],
    '/page.js': ['text/javascript', readFileSync(join(out, 'page.js'))],
    '/fleet.json': ['application/json', answer],
  };
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? chromiumLaunch.executablePath,
    args: chromiumLaunch.args,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    const loads = [];
    let rows = 0;
    for (let i = 0; i < LOADS; i++) {
      await page.goto(url);
      const result = await page.evaluate(() => window.fleetBench);
      if (
        result.answerRows !== expectedRows ||
        result.rows !== result.expected
      ) {
        throw new Error(
          `the table shows ${result.rows} rows of ${result.answerRows} (expected ${result.expected} of ${expectedRows})`,
        );
      }
      loads.push(result.ms);
      rows = result.rows;
    }
    print(`fleet_table_render_ms_loads=${loads.map(x => x.toFixed(1))}`);
    print(`fleet_table_render_ms_p95=${p95(loads).toFixed(1)}`);
    print(
      `fleet_table_dom_rows=${rows} fleet_table_answer_rows=${expectedRows}`,
    );
    print(`fleet_table_render_ms=${median(loads).toFixed(1)}`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
