/**
 * `pnpm bench`: every figure against a baseline measured in the same run, medians over repeated runs with the
 * interquartile range. Flags: `--quick` (fewer runs), `--only import,bundle,calls,memory,workflow`.
 * Prints a table and writes tools/bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { measureBundleSizes } from './bundle-size.js';
import { measureImportCost } from './import-cost.js';
import { measurePaginationMemory } from './pagination-memory.js';
import { benchDir } from './paths.js';
import { measurePerCall } from './per-call.js';
import { ratio, round, spread } from './stats.js';
import { measureWorkflow } from './workflow.js';

const SECTIONS = ['import', 'bundle', 'calls', 'memory', 'workflow'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'))?.split('=')[1] ?? args[args.indexOf('--only') + 1];
const only =
  args.includes('--only') || args.some((a) => a.startsWith('--only='))
    ? new Set((onlyArg ?? '').split(',') as Section[])
    : new Set(SECTIONS);
const runs = quick
  ? { imports: 5, sequential: 300, concurrent: 2_000, memory: 2, workflow: 1 }
  : { imports: 20, sequential: 2_000, concurrent: 10_000, memory: 5, workflow: 3 };

const rows: string[][] = [['figure', 'ours', 'baseline', 'ratio', 'target']];
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  quick,
  runs,
};
const row = (...cells: string[]) => rows.push(cells);
const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;

if (only.has('import')) {
  const cost = measureImportCost(runs.imports);
  const bare = cost['bare node'].median;
  results.importCost = cost;
  row(
    'import + create, ms (median, IQR)',
    spread(cost['our client']),
    `bare node ${spread(cost['bare node'])}`,
    ratio(cost['our client'].median, bare),
    '',
  );
  row(
    '  added over bare node, ms',
    `${round(cost['our client'].median - bare)}`,
    `SDK +${round(cost['cloudflare SDK'].median - bare)}`,
    ratio(cost['our client'].median - bare, cost['cloudflare SDK'].median - bare),
    '< 15 ms',
  );
  row(
    '  cloudflare SDK import + create, ms',
    spread(cost['cloudflare SDK']),
    `bare node ${spread(cost['bare node'])}`,
    ratio(cost['cloudflare SDK'].median, bare),
    '',
  );
}

if (only.has('bundle')) {
  const sizes = await measureBundleSizes();
  results.bundleSizes = sizes;
  for (const platform of ['browser', 'node'] as const) {
    const ours = sizes['our client (core)'][platform];
    const sdk = sizes['cloudflare SDK'][platform];
    row(
      `bundle, 9 operations, ${platform}, gzip`,
      kb(ours.gzip),
      `SDK ${kb(sdk.gzip)}`,
      ratio(ours.gzip, sdk.gzip),
      platform === 'browser' ? '<= 6 KB' : '',
    );
    row(
      `bundle, 9 operations, ${platform}, brotli`,
      kb(ours.brotli),
      `SDK ${kb(sdk.brotli)}`,
      ratio(ours.brotli, sdk.brotli),
      '',
    );
    row(`  minified`, kb(ours.minified), `SDK ${kb(sdk.minified)}`, ratio(ours.minified, sdk.minified), '');
  }
  const downloads = sizes['our download helpers'].browser;
  row(
    'download helpers entry, browser, gzip',
    kb(downloads.gzip),
    `core ${kb(sizes['our client (core)'].browser.gzip)}`,
    ratio(downloads.gzip, sizes['our client (core)'].browser.gzip),
    'separate entry',
  );
}

if (only.has('calls')) {
  const perCall = await measurePerCall(runs.sequential, runs.concurrent);
  results.perCall = perCall;
  const seq = perCall.sequential;
  row(
    'sequential getSessions, ms/call',
    spread(seq['our client'], 3),
    `fetch ${spread(seq['raw fetch'], 3)}`,
    ratio(seq['our client'].median, seq['raw fetch'].median),
    '<= 1.10x',
  );
  row(
    '  cloudflare SDK, ms/call',
    spread(seq['cloudflare SDK'], 3),
    `fetch ${spread(seq['raw fetch'], 3)}`,
    ratio(seq['cloudflare SDK'].median, seq['raw fetch'].median),
    '',
  );
  const conc = perCall.concurrent;
  row(
    '64 concurrent, calls/s',
    `${round(conc['our client'].callsPerSecond, 0)}`,
    `fetch ${round(conc['raw fetch'].callsPerSecond, 0)}`,
    ratio(conc['our client'].callsPerSecond, conc['raw fetch'].callsPerSecond),
    '>= 0.90x',
  );
  row(
    '  vs cloudflare SDK, calls/s',
    `${round(conc['our client'].callsPerSecond, 0)}`,
    `SDK ${round(conc['cloudflare SDK'].callsPerSecond, 0)}`,
    ratio(conc['our client'].callsPerSecond, conc['cloudflare SDK'].callsPerSecond),
    '>= 1.00x',
  );
  row(
    '  64 concurrent, ms/call',
    spread(conc['our client'].latency, 2),
    `fetch ${spread(conc['raw fetch'].latency, 2)}`,
    ratio(conc['our client'].latency.median, conc['raw fetch'].latency.median),
    '',
  );
}

if (only.has('memory')) {
  const memory = await measurePaginationMemory(runs.memory);
  results.paginationMemory = memory;
  const { ours, raw } = memory;
  const added = (m: typeof ours) => m[10_000].peakRss.median - m[100].peakRss.median;
  row(
    'peak RSS, 10 000 sessions (100 pages), MB',
    spread(ours[10_000].peakRss),
    `100 sessions ${spread(ours[100].peakRss)}`,
    ratio(ours[10_000].peakRss.median, ours[100].peakRss.median),
    '',
  );
  row(
    '  added by 99 more pages, MB',
    `${round(added(ours))}`,
    `raw fetch +${round(added(raw))}`,
    ratio(added(ours), added(raw)),
    '< 10 MB',
  );
  row(
    '  heap retained after GC, MB',
    spread(ours[10_000].retainedHeap),
    `100 sessions ${spread(ours[100].retainedHeap)}`,
    ratio(ours[10_000].retainedHeap.median, ours[100].retainedHeap.median),
    '',
  );
}

if (only.has('workflow')) {
  const workflow = await measureWorkflow(runs.workflow);
  results.workflow = workflow;
  row(
    'turbo run build, warm (cache hit), s',
    spread(workflow.warmBuild, 2),
    `cold ${spread(workflow.coldBuild, 2)}`,
    ratio(workflow.warmBuild.median, workflow.coldBuild.median),
    '',
  );
  row(
    `contract suite incl. Prism start, s${workflow.contractSuitePassed ? '' : ' (FAILED)'}`,
    spread(workflow.contractSuite, 2),
    `Prism start ${spread(workflow.prismStart, 2)}`,
    ratio(workflow.contractSuite.median, workflow.prismStart.median),
    '< 60 s',
  );
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const [i, r] of rows.entries()) {
  console.log(
    r
      .map((cell, j) => cell.padEnd(widths[j] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
writeFileSync(`${benchDir}results.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: tools/bench/results.json${quick ? ' (quick run)' : ''}`);
