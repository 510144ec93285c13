import type { QueryValues } from './invokers.js';
import { isObject, type JsonObject, type LoadedSpec, type OperationSpec, resolveSchema } from './spec.js';

/** One call of an operation, generated from the spec's parameters. */
export interface ParameterCase {
  /** Readable test name, e.g. `sort_by=minutesConsumed`. */
  name: string;
  kind: 'required' | 'optional' | 'value';
  query: QueryValues;
  /** For `value` cases, the `param=value` they exercise (the coverage key). */
  covers?: string;
}

type Scalar = string | number | boolean;

function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type))
    return schema.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  return undefined;
}

/** The schema a parameter's value must match, following `$ref` and taking the first `oneOf`/`anyOf` branch. */
function effectiveSchema(spec: LoadedSpec, schema: JsonObject): JsonObject {
  const resolved = resolveSchema(spec.document, schema);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const branches = resolved[key];
    if (Array.isArray(branches) && isObject(branches[0]) && typeOf(resolved) === undefined) {
      return { ...effectiveSchema(spec, branches[0]), ...resolved, [key]: undefined };
    }
  }
  return resolved;
}

/** Every value a parameter can take from a closed set: its enum, `const`, or true/false for a boolean. */
export function closedValues(spec: LoadedSpec, schema: JsonObject): Scalar[] | undefined {
  const resolved = effectiveSchema(spec, schema);
  if (Array.isArray(resolved.enum)) return resolved.enum.filter((v) => v !== null) as Scalar[];
  if (resolved.const !== undefined) return [resolved.const as Scalar];
  if (typeOf(resolved) === 'boolean') return [true, false];
  return undefined;
}

function sampleScalar(spec: LoadedSpec, schema: JsonObject, example: unknown): Scalar {
  if (typeof example === 'string' || typeof example === 'number' || typeof example === 'boolean')
    return example;
  const resolved = effectiveSchema(spec, schema);
  const closed = closedValues(spec, resolved);
  if (closed?.[0] !== undefined) return closed[0];
  for (const candidate of [
    resolved.example,
    resolved.default,
    ...(Array.isArray(resolved.examples) ? resolved.examples : []),
  ]) {
    if (typeof candidate === 'string' || typeof candidate === 'number' || typeof candidate === 'boolean')
      return candidate;
  }
  const type = typeOf(resolved);
  if (type === 'integer' || type === 'number') {
    const minimum = typeof resolved.minimum === 'number' ? resolved.minimum : undefined;
    const maximum = typeof resolved.maximum === 'number' ? resolved.maximum : undefined;
    const value = Math.max(minimum ?? 1, 1);
    return maximum === undefined ? value : Math.min(value, maximum);
  }
  if (resolved.format === 'date-time') return '2024-01-01T00:00:00.000Z';
  if (resolved.format === 'date') return '2024-01-01';
  if (resolved.format === 'uuid') return '5b9a0d6e-3c1f-4a8e-9d2b-7f6e5d4c3b2a';
  return 'contract-test';
}

/** A valid value for a parameter: an array of every allowed item for array parameters. */
export function sampleValue(spec: LoadedSpec, schema: JsonObject, example?: unknown): unknown {
  const resolved = effectiveSchema(spec, schema);
  if (typeOf(resolved) === 'array') {
    const items = isObject(resolved.items) ? resolved.items : {};
    // Every allowed item at once: the widest valid list. Open lists take the example or one sample item.
    return (
      closedValues(spec, items) ?? (Array.isArray(example) ? example : [sampleScalar(spec, items, undefined)])
    );
  }
  return sampleScalar(spec, resolved, example);
}

/** Is the parameter an array (sent as a list), and what are its item schema and closed values? */
function arrayItems(spec: LoadedSpec, schema: JsonObject): JsonObject | undefined {
  const resolved = effectiveSchema(spec, schema);
  return typeOf(resolved) === 'array' && isObject(resolved.items) ? resolved.items : undefined;
}

/** `param=value` keys of every closed-set value of an operation's query parameters (the coverage target). */
export function valueKeys(spec: LoadedSpec, operation: OperationSpec): string[] {
  const keys: string[] = [];
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    const items = arrayItems(spec, parameter.schema);
    const values = closedValues(spec, items ?? parameter.schema) ?? [];
    for (const value of values) keys.push(`${parameter.name}=${String(value)}`);
  }
  return keys;
}

/**
 * The table of calls for one operation: required parameters only, every optional parameter at once, and one
 * call per enum/boolean value of every query parameter (so a value added to the spec gets a test by itself).
 */
export function parameterCases(spec: LoadedSpec, operation: OperationSpec): ParameterCase[] {
  const query = operation.parameters.filter((p) => p.in === 'query');
  const requiredQuery: QueryValues = {};
  for (const parameter of query.filter((p) => p.required)) {
    requiredQuery[parameter.name] = sampleValue(spec, parameter.schema, parameter.example);
  }
  const cases: ParameterCase[] = [
    { name: 'required parameters only', kind: 'required', query: requiredQuery },
  ];

  const optional = query.filter((p) => !p.required);
  if (optional.length > 0) {
    const all: QueryValues = { ...requiredQuery };
    for (const parameter of optional)
      all[parameter.name] = sampleValue(spec, parameter.schema, parameter.example);
    cases.push({
      name: `all optional parameters (${optional.map((p) => p.name).join(', ')})`,
      kind: 'optional',
      query: all,
    });
  }

  for (const parameter of query) {
    const items = arrayItems(spec, parameter.schema);
    const values = closedValues(spec, items ?? parameter.schema) ?? [];
    for (const value of values) {
      const covers = `${parameter.name}=${String(value)}`;
      cases.push({
        name: covers,
        kind: 'value',
        query: { ...requiredQuery, [parameter.name]: items === undefined ? value : [value] },
        covers,
      });
    }
  }
  return cases;
}
