import { describe, expect, test } from 'vitest';
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
    // absent, arrays of several items, other enum values. With --seed every request regenerates from the same
    // seed, so calls after the first ask for their own seed (`Prefer: seed=N`): varied, yet reproducible.
    test.for(spec.operations.map((operation) => [operation.operationId, operation] as const))(
      `%s: ${CALLS_PER_OPERATION} generated responses validate and the client accepts them`,
      async ([, operation], { task }) => {
        const cases = parameterCases(spec, operation);
        const target = dynamicTarget();
        const bodies = new Set<string>();
        for (let call = 0; call < CALLS_PER_OPERATION; call++) {
          const result = await checker.expectConforms(target, {
            operationId: operation.operationId,
            query: cases[call % cases.length]?.query,
            ...(call === 0 ? {} : { headers: { Prefer: `seed=${call + 1}` } }),
          });
          bodies.add(result.exchange?.bodyText ?? '');
        }
        expect(bodies.size).toBeGreaterThan(1);
        recordCoverage(task, { operationId: operation.operationId, kind: 'dynamic' });
      },
    );
  },
);
