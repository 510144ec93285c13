import { spawnSync } from 'node:child_process';
import { benchDir } from './paths.js';
import { type Summary, summarize } from './stats.js';

const PROGRAMS = {
  'bare node': '0',
  'our client':
    "import { createSessionsClient } from '@rtk-sessions/client'; createSessionsClient({ apiToken: 'x' });",
  'cloudflare SDK': "import Cloudflare from 'cloudflare'; new Cloudflare({ apiToken: 'x' });",
} as const;

export type ImportCost = Record<keyof typeof PROGRAMS, Summary>;

/** Wall time of a fresh `node` process that imports and creates each client; runs are interleaved. */
export function measureImportCost(runs: number): ImportCost {
  const samples = Object.fromEntries(Object.keys(PROGRAMS).map((name) => [name, [] as number[]]));
  for (let i = 0; i < runs + 1; i++) {
    for (const [name, program] of Object.entries(PROGRAMS)) {
      const started = performance.now();
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: benchDir });
      const elapsed = performance.now() - started;
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr.toString()}`);
      // The first round warms the file system cache and is not counted.
      if (i > 0) samples[name]?.push(elapsed);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, summarize(values)]),
  ) as ImportCost;
}
