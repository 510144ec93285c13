/** Table rows of each figure: ours, the baseline measured in the same run, their ratio, the target. */
import type { BundleSizes } from './bundle-size.js';
import type { ImportCost } from './import-cost.js';
import type { PaginationMemory } from './pagination-memory.js';
import type { PerCall } from './per-call.js';
import { range, ratio, round, type Summary, spread } from './stats.js';
import { verdict } from './table.js';
import type { Workflow } from './workflow.js';

export type Row = [figure: string, ours: string, baseline: string, ratio: string, target: string];
export const HEADER: Row = ['figure', 'ours', 'baseline', 'ratio', 'target'];

const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
/** `0.85x (0.62–1.10)`: a median ratio and the range of the per-round ratios. */
const timesRange = (s: Summary) => `${s.median.toFixed(2)}x (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${round(value, digits)}`;

export function importRows(cost: ImportCost): Row[] {
  const bare = cost['bare node'].median;
  const ours = cost['our client'].median - bare;
  const sdk = cost['cloudflare SDK'].median - bare;
  return [
    [
      'import + create client, ms',
      spread(cost['our client']),
      `bare node ${spread(cost['bare node'])}`,
      ratio(cost['our client'].median, bare),
      '',
    ],
    [
      '  added over bare node, ms',
      signed(ours),
      `SDK ${signed(sdk)}`,
      ratio(ours, sdk),
      verdict('< 15 ms', ours < 15),
    ],
    [
      '  official SDK import + create, ms',
      spread(cost['cloudflare SDK']),
      `bare node ${spread(cost['bare node'])}`,
      ratio(cost['cloudflare SDK'].median, bare),
      '',
    ],
  ];
}

export function bundleRows(sizes: BundleSizes): Row[] {
  const rows: Row[] = [];
  for (const platform of ['browser', 'node'] as const) {
    const ours = sizes['our client (core)'][platform];
    const sdk = sizes['cloudflare SDK'][platform];
    const budget = platform === 'browser' ? verdict('<= 6 KB', ours.gzip <= 6144) : '';
    rows.push(
      [
        `bundle, 9 operations, ${platform}, gzip`,
        kb(ours.gzip),
        `SDK ${kb(sdk.gzip)}`,
        ratio(ours.gzip, sdk.gzip),
        budget,
      ],
      [`  ${platform}, brotli`, kb(ours.brotli), `SDK ${kb(sdk.brotli)}`, ratio(ours.brotli, sdk.brotli), ''],
      [
        `  ${platform}, minified`,
        kb(ours.minified),
        `SDK ${kb(sdk.minified)}`,
        ratio(ours.minified, sdk.minified),
        '',
      ],
    );
  }
  for (const platform of ['browser', 'node'] as const) {
    const downloads = sizes['our download helpers'][platform];
    const core = sizes['our client (core)'][platform];
    rows.push([
      `downloads entry (CSV helpers), ${platform}, gzip`,
      kb(downloads.gzip),
      `core ${kb(core.gzip)}`,
      ratio(downloads.gzip, core.gzip),
      'separate entry',
    ]);
  }
  return rows;
}

export function perCallRows({ sequential: seq, concurrent: conc, concurrentRatio }: PerCall): Row[] {
  const ours = seq['our client'];
  const fetch = seq['raw fetch'];
  const sdk = seq['cloudflare SDK'];
  const oursConc = conc['our client'];
  const fetchConc = conc['raw fetch'];
  const sdkConc = conc['cloudflare SDK'];
  return [
    [
      'sequential getSessions, ms/call',
      spread(ours, 3),
      `fetch ${spread(fetch, 3)}`,
      ratio(ours.median, fetch.median),
      verdict('<= 1.10x', ours.median <= 1.1 * fetch.median),
    ],
    ['  p99, ms', `${round(ours.p99, 3)}`, `fetch ${round(fetch.p99, 3)}`, ratio(ours.p99, fetch.p99), ''],
    [
      '  bare openapi-fetch (client.raw), ms/call',
      spread(seq['openapi-fetch'], 3),
      `fetch ${spread(fetch, 3)}`,
      ratio(seq['openapi-fetch'].median, fetch.median),
      '',
    ],
    [
      '  vs official SDK, ms/call',
      spread(ours, 3),
      `SDK ${spread(sdk, 3)}`,
      ratio(ours.median, sdk.median),
      verdict('<= 1.00x', ours.median <= sdk.median),
    ],
    [
      `64 concurrent, calls/s (${oursConc.callsPerSecond.runs} rounds)`,
      range(oursConc.callsPerSecond, 0),
      `fetch ${range(fetchConc.callsPerSecond, 0)}`,
      timesRange(concurrentRatio.vsRawFetch),
      verdict('>= 0.90x', concurrentRatio.vsRawFetch.median >= 0.9),
    ],
    [
      '  vs official SDK, calls/s',
      range(oursConc.callsPerSecond, 0),
      `SDK ${range(sdkConc.callsPerSecond, 0)}`,
      timesRange(concurrentRatio.vsOfficialSdk),
      verdict('>= 1.00x', concurrentRatio.vsOfficialSdk.median >= 1),
    ],
    [
      '  client CPU per call, µs',
      range(oursConc.cpuMicrosPerCall, 0),
      `fetch ${range(fetchConc.cpuMicrosPerCall, 0)}; openapi-fetch ${round(conc['openapi-fetch'].cpuMicrosPerCall.median, 0)}; SDK ${round(sdkConc.cpuMicrosPerCall.median, 0)}`,
      ratio(oursConc.cpuMicrosPerCall.median, fetchConc.cpuMicrosPerCall.median),
      '',
    ],
    [
      '  latency, ms/call',
      spread(oursConc.latency, 2),
      `fetch ${spread(fetchConc.latency, 2)}`,
      ratio(oursConc.latency.median, fetchConc.latency.median),
      '',
    ],
    [
      '  p99, ms',
      `${round(oursConc.latency.p99, 2)}`,
      `fetch ${round(fetchConc.latency.p99, 2)}; SDK ${round(sdkConc.latency.p99, 2)}`,
      ratio(oursConc.latency.p99, fetchConc.latency.p99),
      '',
    ],
  ];
}

export function memoryRows({ ours, raw }: PaginationMemory): Row[] {
  const added = (m: typeof ours) => m[10_000].peakRss.median - m[100].peakRss.median;
  const levelOff = ours[40_000].peakRss.median - ours[10_000].peakRss.median;
  return [
    [
      'peak RSS, 10 000 sessions (100 pages), MB',
      range(ours[10_000].peakRss),
      `100 sessions ${range(ours[100].peakRss)}`,
      `${signed(added(ours))} MB`,
      verdict('< +10 MB', added(ours) < 10),
    ],
    [
      '  same growth, raw fetch paging, MB',
      `${signed(added(ours))}`,
      `raw fetch ${signed(added(raw))}`,
      ratio(added(ours), added(raw)),
      '',
    ],
    [
      '  40 000 sessions (400 pages), MB',
      range(ours[40_000].peakRss),
      `10 000 ${range(ours[10_000].peakRss)}`,
      `${signed(levelOff)} MB`,
      '',
    ],
    [
      '  heap retained after GC, MB',
      range(ours[10_000].retainedHeap),
      `100 sessions ${range(ours[100].retainedHeap)}`,
      `${signed(ours[10_000].retainedHeap.median - ours[100].retainedHeap.median)} MB`,
      '',
    ],
  ];
}

export function workflowRows(workflow: Workflow): Row[] {
  const failed = workflow.contractSuiteFailure !== null;
  return [
    [
      'turbo run build, warm (cache hit), s',
      range(workflow.warmBuild, 2),
      `cold (--force) ${range(workflow.coldBuild, 2)}`,
      ratio(workflow.warmBuild.median, workflow.coldBuild.median),
      '',
    ],
    [
      `contract suite incl. Prism start, s${failed ? ' (FAILED)' : ''}`,
      range(workflow.contractSuite, 2),
      `Prism start ${range(workflow.prismStart, 2)}`,
      ratio(workflow.contractSuite.median, workflow.prismStart.median),
      // The contract suite's own budget (issue 5): under a minute, Prism's start included.
      failed ? 'suite failed, see results.json' : verdict('< 60 s', workflow.contractSuite.median < 60),
    ],
  ];
}
