import { describe, test } from 'vitest';
import { parameterCases } from '../src/cases.js';
import { ConformanceChecker } from '../src/conformance.js';
import { recordCoverage } from '../src/coverage.js';
import { dynamicTarget } from '../src/harness.js';
import { loadSpec } from '../src/spec.js';
import { isRealServer, MOCK_ONLY_REASON } from '../src/target.js';

const CALLS_PER_OPERATION = 5;
const spec = loadSpec();
const checker = new ConformanceChecker(spec);

describe.skipIf(isRealServer)(
  isRealServer ? `dynamic mode (skipped: ${MOCK_ONLY_REASON})` : 'dynamic mode (Prism --dynamic --seed 1)',
  () => {
    // Generated bodies exercise the schemas rather than the hand-written examples: optional fields present or
    // absent, arrays of several items, every enum value over time.
    test.for(spec.operations.map((operation) => [operation.operationId, operation] as const))(
      `%s: ${CALLS_PER_OPERATION} generated responses validate and the client accepts them`,
      async ([, operation], { task }) => {
        const cases = parameterCases(spec, operation);
        const target = dynamicTarget();
        for (let call = 0; call < CALLS_PER_OPERATION; call++) {
          const parameterCase = cases[call % cases.length];
          await checker.expectConforms(target, {
            operationId: operation.operationId,
            query: parameterCase?.query,
          });
        }
        recordCoverage(task, { operationId: operation.operationId, kind: 'dynamic' });
      },
    );
  },
);
