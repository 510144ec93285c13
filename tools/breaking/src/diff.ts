import { compareRequestBodies, compareResponses } from './bodies.js';
import { collectOperations } from './operations.js';
import { compareParameters } from './parameters.js';
import type { BreakingChange, DiffResult, OpenApiDoc } from './types.js';

export type { BreakingChange, DiffResult, Note, OpenApiDoc } from './types.js';

/** Everything a client of `base` would notice in `head`: breaks, plus notes that do not fail the check. */
export function diffSpecs(base: OpenApiDoc, head: OpenApiDoc): DiffResult {
  const result: DiffResult = { breaking: [], notes: [] };
  const docs = { base, head };
  const headOperations = collectOperations(head);
  for (const [key, baseOperation] of collectOperations(base)) {
    const headOperation = headOperations.get(key);
    if (headOperation === undefined) {
      result.breaking.push({
        kind: 'operation-removed',
        location: baseOperation.label,
        message: 'operation removed',
      });
      continue;
    }
    compareParameters(docs, baseOperation, headOperation, result);
    compareRequestBodies(docs, baseOperation, headOperation, result);
    compareResponses(docs, baseOperation, headOperation, result);
  }
  return result;
}

export function findBreakingChanges(base: OpenApiDoc, head: OpenApiDoc): BreakingChange[] {
  return diffSpecs(base, head).breaking;
}
