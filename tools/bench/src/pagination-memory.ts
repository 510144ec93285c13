import { spawnSync } from 'node:child_process';
import { benchDir, fixture } from './paths.js';
import { startBenchServer } from './server.js';
import { type Summary, summarize } from './stats.js';

const MODES = ['ours', 'raw'] as const;
/** Sessions iterated, 100 per page: 1 page (the baseline), 100 pages (the target), 400 pages (the trend). */
const SIZES = [100, 10_000, 40_000] as const;
type Mode = (typeof MODES)[number];
type Size = (typeof SIZES)[number];
export interface MemoryRun {
  /** Peak RSS of the process, MB. */
  peakRss: Summary;
  /** Heap still in use after a full GC at the end, MB: what the iteration retained. */
  retainedHeap: Summary;
}
export type PaginationMemory = Record<Mode, Record<Size, MemoryRun>>;

/**
 * Each run is a fresh process, so its peak RSS is its own: 100 sessions (one page) is the baseline of 10 000
 * (100 pages of 100); raw fetch paging the same server shows what the runtime itself adds, and 40 000 sessions
 * shows whether memory keeps growing with the page count or levels off.
 */
export async function measurePaginationMemory(runs: number): Promise<PaginationMemory> {
  const server = await startBenchServer();
  const samples = new Map<string, { rss: number[]; heap: number[] }>();
  try {
    for (let i = 0; i < runs; i++) {
      for (const mode of MODES) {
        for (const limit of SIZES) {
          const result = spawnSync(
            process.execPath,
            ['--expose-gc', fixture('paginate.mjs'), mode, server.url, String(limit)],
            { cwd: benchDir, encoding: 'utf8' },
          );
          if (result.status !== 0) throw new Error(`pagination run failed: ${result.stderr}`);
          const run = JSON.parse(result.stdout) as { count: number; maxRssKb: number; heapUsed: number };
          if (run.count !== limit) throw new Error(`iterated ${run.count} sessions, expected ${limit}`);
          const key = `${mode}/${limit}`;
          const into = samples.get(key) ?? { rss: [], heap: [] };
          into.rss.push(run.maxRssKb / 1024);
          into.heap.push(run.heapUsed / 1024 / 1024);
          samples.set(key, into);
        }
      }
    }
  } finally {
    await server.stop();
  }
  const summary = (mode: Mode, limit: Size): MemoryRun => {
    const s = samples.get(`${mode}/${limit}`) ?? { rss: [], heap: [] };
    return { peakRss: summarize(s.rss), retainedHeap: summarize(s.heap) };
  };
  const byMode = (mode: Mode) =>
    Object.fromEntries(SIZES.map((size) => [size, summary(mode, size)])) as Record<Size, MemoryRun>;
  return { ours: byMode('ours'), raw: byMode('raw') };
}
