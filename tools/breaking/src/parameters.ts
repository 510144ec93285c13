import type { Operation } from './operations.js';
import { isRecord } from './refs.js';
import { compareSchema, type SchemaContext } from './schema-diff.js';
import type { DiffResult } from './types.js';

function isRequired(parameter: Record<string, unknown>): boolean {
  return parameter.in === 'path' || parameter.required === true;
}

/** The serialization a client must use, with the defaults OpenAPI gives each location filled in. */
function serialization(parameter: Record<string, unknown>): string {
  const style =
    typeof parameter.style === 'string'
      ? parameter.style
      : parameter.in === 'query' || parameter.in === 'cookie'
        ? 'form'
        : 'simple';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  return `style=${style} explode=${explode}`;
}

/** A parameter's schema, or the schema of its single `content` entry. */
function parameterSchema(parameter: Record<string, unknown>): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  if (!isRecord(parameter.content)) return undefined;
  const [first] = Object.values(parameter.content);
  return isRecord(first) ? first.schema : undefined;
}

export function compareParameters(
  docs: { base: unknown; head: unknown },
  base: Operation,
  head: Operation,
  result: DiffResult,
): void {
  for (const [key, baseParameter] of base.parameters) {
    const location = `${head.label} ${key}`;
    const headParameter = head.parameters.get(key);
    if (headParameter === undefined) {
      result.breaking.push({ kind: 'parameter-removed', location, message: 'parameter removed' });
      continue;
    }
    if (!isRequired(baseParameter) && isRequired(headParameter)) {
      result.breaking.push({
        kind: 'parameter-became-required',
        location,
        message: 'parameter is now required',
      });
    }
    const [before, after] = [serialization(baseParameter), serialization(headParameter)];
    if (before !== after) {
      result.breaking.push({
        kind: 'parameter-serialization-changed',
        location,
        message: `serialization changed from ${before} to ${after}`,
      });
    }
    const ctx: SchemaContext = {
      ...docs,
      side: 'parameter',
      locate: (fieldPath) =>
        fieldPath === '' ? location : `${location}${fieldPath.startsWith('[') ? '' : '.'}${fieldPath}`,
      breaking: result.breaking,
      notes: result.notes,
    };
    compareSchema(ctx, parameterSchema(baseParameter), parameterSchema(headParameter), '');
  }
  for (const [key, headParameter] of head.parameters) {
    if (base.parameters.has(key) || !isRequired(headParameter)) continue;
    result.breaking.push({
      kind: 'parameter-added-required',
      location: `${head.label} ${key}`,
      message: 'new required parameter',
    });
  }
}
