import { spawnSync } from 'node:child_process';
import { benchDir, fixture } from './paths.js';
import { startBenchServer } from './server.js';
import { type Summary, summarize } from './stats.js';

export interface PaginationMemory {
  /** Peak RSS in MB of a process that iterated 100 sessions (one page): the baseline. */
  oneHundred: Summary;
  /** Peak RSS in MB of a process that iterated 10 000 sessions (100 pages of 100). */
  tenThousand: Summary;
}

/** Each run is a fresh process, so its peak RSS is its own; the two sizes are interleaved. */
export async function measurePaginationMemory(runs: number): Promise<PaginationMemory> {
  const server = await startBenchServer();
  try {
    const samples = { 100: [] as number[], 10000: [] as number[] };
    for (let i = 0; i < runs; i++) {
      for (const limit of [100, 10_000] as const) {
        const result = spawnSync(process.execPath, [fixture('paginate.mjs'), server.url, String(limit)], {
          cwd: benchDir,
          encoding: 'utf8',
        });
        if (result.status !== 0) throw new Error(`pagination run failed: ${result.stderr}`);
        const { count, maxRssKb } = JSON.parse(result.stdout) as { count: number; maxRssKb: number };
        if (count !== limit) throw new Error(`iterated ${count} sessions, expected ${limit}`);
        samples[limit].push(maxRssKb / 1024);
      }
    }
    return { oneHundred: summarize(samples[100]), tenThousand: summarize(samples[10_000]) };
  } finally {
    await server.stop();
  }
}
