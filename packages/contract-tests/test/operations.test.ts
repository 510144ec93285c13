import { beforeAll, describe, test } from 'vitest';
import { parameterCases } from '../src/cases.js';
import { ConformanceChecker, type ConformanceTarget } from '../src/conformance.js';
import { recordCoverage } from '../src/coverage.js';
import { contractTarget } from '../src/harness.js';
import { loadSpec } from '../src/spec.js';

const spec = loadSpec();
const checker = new ConformanceChecker(spec);
let target: ConformanceTarget;

beforeAll(async () => {
  target = await contractTarget();
});

// One block per operation of the bundled spec, one test per generated parameter case: a parameter or enum value
// added to the spec gets its own test without touching this file.
describe.each(spec.operations.map((operation) => [operation.operationId, operation] as const))(
  '%s',
  (_, operation) => {
    test.for(parameterCases(spec, operation).map((c) => [c.name, c] as const))(
      '%s',
      async ([, parameterCase], { task }) => {
        await checker.expectConforms(target, {
          operationId: operation.operationId,
          query: parameterCase.query,
        });
        if (parameterCase.kind === 'value' && parameterCase.covers !== undefined) {
          recordCoverage(task, {
            operationId: operation.operationId,
            kind: 'value',
            key: parameterCase.covers,
          });
        } else if (parameterCase.kind !== 'value') {
          recordCoverage(task, { operationId: operation.operationId, kind: parameterCase.kind });
        }
      },
    );
  },
);
