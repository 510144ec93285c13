import { valueKeys } from './cases.js';
import { errorStatuses, type LoadedSpec } from './spec.js';

/** What a passing test exercised, attached to the test's `meta` so the reporter (main process) can read it. */
export type CoverageEntry =
  | { operationId: string; kind: 'required' | 'optional' | 'dynamic' | 'negative' }
  | { operationId: string; kind: 'value'; key: string }
  | { operationId: string; kind: 'error'; status: number };

declare module 'vitest' {
  interface TaskMeta {
    contractCoverage?: CoverageEntry[];
  }
}

interface HasMeta {
  meta: { contractCoverage?: CoverageEntry[] };
}

/** Records coverage on the running test (`test('…', ({ task }) => recordCoverage(task, …))`). */
export function recordCoverage(task: HasMeta, ...entries: CoverageEntry[]): void {
  task.meta.contractCoverage = [...(task.meta.contractCoverage ?? []), ...entries];
}

/** What the spec says should be exercised, per operation. */
export interface ExpectedCoverage {
  operationId: string;
  hasOptional: boolean;
  valueKeys: string[];
  errorStatuses: number[];
}

export function expectedCoverage(spec: LoadedSpec): ExpectedCoverage[] {
  return spec.operations.map((operation) => ({
    operationId: operation.operationId,
    hasOptional: operation.parameters.some((p) => p.in === 'query' && !p.required),
    valueKeys: valueKeys(spec, operation),
    errorStatuses: errorStatuses(operation),
  }));
}

export interface CoverageRow {
  operationId: string;
  tests: number;
  required: boolean;
  optional: boolean | 'n/a';
  values: { covered: number; total: number; missing: string[] };
  errors: { covered: number; total: number; missing: number[] };
  dynamic: boolean;
  negative: boolean;
}

export interface CoverageReport {
  rows: CoverageRow[];
  /** Entries naming operations the spec does not have (a renamed or removed operation). */
  unknownOperations: string[];
}

export function buildCoverageReport(expected: ExpectedCoverage[], entries: CoverageEntry[]): CoverageReport {
  const known = new Set(expected.map((e) => e.operationId));
  const rows = expected.map((exp): CoverageRow => {
    const mine = entries.filter((e) => e.operationId === exp.operationId);
    const values = new Set(mine.flatMap((e) => (e.kind === 'value' ? [e.key] : [])));
    const errors = new Set(mine.flatMap((e) => (e.kind === 'error' ? [e.status] : [])));
    const missingValues = exp.valueKeys.filter((k) => !values.has(k));
    const missingErrors = exp.errorStatuses.filter((s) => !errors.has(s));
    return {
      operationId: exp.operationId,
      tests: mine.length,
      required: mine.some((e) => e.kind === 'required'),
      optional: exp.hasOptional ? mine.some((e) => e.kind === 'optional') : 'n/a',
      values: {
        covered: exp.valueKeys.length - missingValues.length,
        total: exp.valueKeys.length,
        missing: missingValues,
      },
      errors: {
        covered: exp.errorStatuses.length - missingErrors.length,
        total: exp.errorStatuses.length,
        missing: missingErrors,
      },
      dynamic: mine.some((e) => e.kind === 'dynamic'),
      negative: mine.some((e) => e.kind === 'negative'),
    };
  });
  const unknownOperations = [...new Set(entries.map((e) => e.operationId).filter((id) => !known.has(id)))];
  return { rows, unknownOperations };
}

/**
 * Why the run must fail. An operation without any passing test always fails it; against the mock, where
 * every case can run, so does a documented enum value or error status that no test exercised.
 */
export function coverageFailures(report: CoverageReport, strict: boolean): string[] {
  const failures: string[] = [];
  for (const row of report.rows) {
    if (row.tests === 0) {
      failures.push(`${row.operationId}: operation of the spec has no passing test`);
      continue;
    }
    if (!strict) continue;
    if (!row.required) failures.push(`${row.operationId}: no call with only the required parameters`);
    if (row.optional === false) failures.push(`${row.operationId}: no call with every optional parameter`);
    if (row.values.missing.length > 0)
      failures.push(`${row.operationId}: values never sent: ${row.values.missing.join(', ')}`);
    if (row.errors.missing.length > 0)
      failures.push(
        `${row.operationId}: documented errors never exercised: ${row.errors.missing.join(', ')}`,
      );
    if (!row.dynamic) failures.push(`${row.operationId}: no dynamic-mode test`);
  }
  for (const id of report.unknownOperations)
    failures.push(`${id}: tests exercise an operation the spec does not have`);
  return failures;
}

function mark(value: boolean | 'n/a'): string {
  if (value === 'n/a') return 'n/a';
  return value ? 'yes' : 'NO';
}

/** A fixed-width table, one line per operation. */
export function formatCoverageTable(report: CoverageReport): string {
  const header = [
    'operation',
    'tests',
    'required',
    'all optional',
    'enum/bool values',
    'error codes',
    'dynamic',
    'negative',
  ];
  const lines = report.rows.map((row) => [
    row.operationId,
    String(row.tests),
    mark(row.required),
    mark(row.optional),
    `${row.values.covered}/${row.values.total}`,
    `${row.errors.covered}/${row.errors.total}`,
    mark(row.dynamic),
    mark(row.negative),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}
