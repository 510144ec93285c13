/**
 * `pnpm bench`: every figure against a baseline measured in the same run; medians over repeated runs, with the
 * interquartile range (many samples) or the full range (a handful of runs) in brackets.
 * Flags: `--quick` (fewer runs), `--only import,bundle,calls,memory,workflow`.
 * Prints a table and writes tools/bench/results.json. A section that fails is recorded there and the others
 * still run; the exit code is then 1.
 */
import { writeFileSync } from 'node:fs';
import { measureBundleSizes } from './bundle-size.js';
import { measureImportCost } from './import-cost.js';
import { measurePaginationMemory } from './pagination-memory.js';
import { benchDir } from './paths.js';
import { measurePerCall } from './per-call.js';
import { bundleRows, HEADER, importRows, memoryRows, perCallRows, type Row, workflowRows } from './report.js';
import { formatTable } from './table.js';
import { measureWorkflow } from './workflow.js';

const SECTIONS = ['import', 'bundle', 'calls', 'memory', 'workflow'] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (name: string): name is Section => (SECTIONS as readonly string[]).includes(name);

function parseArgs(args: readonly string[]): { quick: boolean; only: Section[] } {
  const quick = args.includes('--quick');
  const inline = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const flagAt = args.indexOf('--only');
  const list = inline ?? (flagAt >= 0 ? args[flagAt + 1] : undefined);
  if (list === undefined) return { quick, only: [...SECTIONS] };
  const names = list.split(',').filter(Boolean);
  const unknown = names.filter((name) => !isSection(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma-separated list of ${SECTIONS.join(', ')}; got "${list}"`);
  }
  return { quick, only: names.filter(isSection) };
}

const { quick, only } = parseArgs(process.argv.slice(2));
const runs = quick
  ? { imports: 6, sequential: 300, concurrent: 2_000, concurrentRounds: 4, memory: 2, workflow: 1 }
  : { imports: 20, sequential: 2_000, concurrent: 10_000, concurrentRounds: 10, memory: 5, workflow: 3 };

const SECTION_RUNS: Record<Section, () => Promise<{ result: unknown; rows: Row[] }>> = {
  import: async () => {
    const result = measureImportCost(runs.imports);
    return { result, rows: importRows(result) };
  },
  bundle: async () => {
    const result = await measureBundleSizes();
    return { result, rows: bundleRows(result) };
  },
  calls: async () => {
    const result = await measurePerCall(runs.sequential, runs.concurrent, runs.concurrentRounds);
    return { result, rows: perCallRows(result) };
  },
  memory: async () => {
    const result = await measurePaginationMemory(runs.memory);
    return { result, rows: memoryRows(result) };
  },
  workflow: async () => {
    const result = await measureWorkflow(runs.workflow);
    return { result, rows: workflowRows(result) };
  },
};

const rows: Row[] = [HEADER];
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  quick,
  runs,
};
let failed = false;
for (const section of only) {
  const started = performance.now();
  try {
    const { result, rows: sectionRows } = await SECTION_RUNS[section]();
    results[section] = result;
    rows.push(...sectionRows);
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? error.message : String(error);
    results[section] = { error: message };
    rows.push([`${section}: FAILED`, message.split('\n')[0] ?? '', '', '', '']);
  }
  console.error(`[bench] ${section} done in ${Math.round((performance.now() - started) / 1000)} s`);
}

const table = formatTable(rows);
results.table = table.split('\n');
console.log(table);
writeFileSync(`${benchDir}results.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: tools/bench/results.json${quick ? ' (quick run)' : ''}`);
if (failed) process.exitCode = 1;
