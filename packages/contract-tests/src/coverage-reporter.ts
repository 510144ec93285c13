import { relative } from 'node:path';
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import {
  buildCoverageReport,
  type CoverageEntry,
  coverageFailures,
  expectedCoverage,
  formatCoverageTable,
} from './coverage.js';
import { bundledSpecPath, loadSpec } from './spec.js';
import { isRealServer } from './target.js';

/** The files that record coverage: only when all of them ran (unfiltered) are gaps real gaps. */
const RECORDING_FILES = ['operations.test.ts', 'errors.test.ts', 'dynamic.test.ts'];

/**
 * Prints operations x (required, all optional, enum values, error codes, dynamic, negative) after the run, and
 * fails the run (exit code 1) when an operation of the bundled spec has no passing test.
 */
export default class ContractCoverageReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    if (reason === 'interrupted') return;
    const entries: CoverageEntry[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state === 'passed') entries.push(...(test.meta().contractCoverage ?? []));
      }
    }
    const report = buildCoverageReport(expectedCoverage(loadSpec()), entries);
    const log = (text: string) => (this.vitest ? this.vitest.logger.log(text) : console.log(text));
    log(
      `\nContract coverage (${isRealServer ? 'real server' : 'Prism mock'}, spec: ${relative(process.cwd(), bundledSpecPath)})\n`,
    );
    const fullRun =
      RECORDING_FILES.every((file) => testModules.some((m) => m.moduleId.endsWith(`/${file}`))) &&
      !this.vitest?.config.testNamePattern;
    if (!fullRun && entries.length === 0) {
      log('Not enforced: none of the coverage-recording files ran.\n');
      return;
    }
    log(formatCoverageTable(report));
    if (!fullRun) {
      log('\nNot enforced: only part of the suite ran.\n');
      return;
    }
    const failures = coverageFailures(report, !isRealServer);
    if (failures.length === 0) {
      log('\nEvery operation of the spec is covered.\n');
      return;
    }
    const message = `\nCONTRACT COVERAGE FAILED (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}\n`;
    if (this.vitest) this.vitest.logger.error(message);
    else console.error(message);
    process.exitCode = 1;
  }
}
