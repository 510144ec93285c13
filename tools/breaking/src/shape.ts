import { isRecord, resolve } from './refs.js';

/** One alternative of a `oneOf`/`anyOf`, kept unresolved so comparison can follow it lazily. */
export interface Variant {
  schema: unknown;
  ref: string | undefined;
}

/**
 * A schema flattened into what matters for compatibility: `$ref`s resolved, `allOf` merged, 3.1 type
 * arrays and 3.0 `nullable` folded into one set of types, `const` treated as a one-value enum.
 * `types: undefined` means any type is allowed.
 */
export interface Shape {
  ref: string | undefined;
  types: ReadonlySet<string> | undefined;
  enumValues: readonly unknown[] | undefined;
  properties: ReadonlyMap<string, unknown>;
  required: ReadonlySet<string>;
  /** `additionalProperties` as written: undefined (not stated), a boolean or a schema. */
  additional: unknown;
  items: unknown;
  variants: readonly Variant[] | undefined;
}

const anyShape: Shape = {
  ref: undefined,
  types: undefined,
  enumValues: undefined,
  properties: new Map(),
  required: new Set(),
  additional: undefined,
  items: undefined,
  variants: undefined,
};

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether every type in `inner` is accepted by `outer` (an integer is a number). */
export function typesCovered(inner: ReadonlySet<string>, outer: ReadonlySet<string>): boolean {
  return [...inner].every((type) => outer.has(type) || (type === 'integer' && outer.has('number')));
}

function intersectTypes(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  for (const type of a) {
    if (b.has(type)) result.add(type);
    else if (type === 'integer' && b.has('number')) result.add('integer');
    else if (type === 'number' && b.has('integer')) result.add('integer');
  }
  return result;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `allOf` means every part applies: types and enums narrow, properties and required add up. */
function mergeShapes(a: Shape, b: Shape): Shape {
  return {
    ref: a.ref ?? b.ref,
    types: a.types && b.types ? intersectTypes(a.types, b.types) : (a.types ?? b.types),
    enumValues:
      a.enumValues && b.enumValues
        ? a.enumValues.filter((value) => b.enumValues?.some((other) => sameValue(value, other)))
        : (a.enumValues ?? b.enumValues),
    properties: new Map([...a.properties, ...b.properties]),
    required: new Set([...a.required, ...b.required]),
    additional: b.additional ?? a.additional,
    items: b.items ?? a.items,
    variants: b.variants ?? a.variants,
  };
}

function declaredTypes(schema: Record<string, unknown>): Set<string> | undefined {
  const { type } = schema;
  let types: Set<string> | undefined;
  if (typeof type === 'string') types = new Set([type]);
  else if (Array.isArray(type))
    types = new Set(type.filter((entry): entry is string => typeof entry === 'string'));
  if (types && schema.nullable === true) types.add('null');
  return types;
}

function inferTypes(schema: Record<string, unknown>, enumValues: readonly unknown[] | undefined) {
  if (enumValues) return new Set(enumValues.map(typeOfValue));
  if (isRecord(schema.properties) || schema.additionalProperties !== undefined) return new Set(['object']);
  if (schema.items !== undefined) return new Set(['array']);
  return undefined;
}

function isOnlyNull(shape: Shape): boolean {
  return shape.types !== undefined && shape.types.size === 1 && shape.types.has('null');
}

export function toShape(doc: unknown, schema: unknown): Shape {
  const { value, ref } = resolve(doc, schema);
  if (!isRecord(value)) return { ...anyShape, ref };

  const enumValues = 'const' in value ? [value.const] : Array.isArray(value.enum) ? value.enum : undefined;
  let shape: Shape = {
    ref,
    types: declaredTypes(value) ?? inferTypes(value, enumValues),
    enumValues,
    properties: new Map(isRecord(value.properties) ? Object.entries(value.properties) : []),
    required: new Set(
      Array.isArray(value.required) ? value.required.filter((name) => typeof name === 'string') : [],
    ),
    additional: value.additionalProperties,
    items: value.items,
    variants: undefined,
  };

  if (Array.isArray(value.allOf)) {
    for (const part of value.allOf) shape = mergeShapes(shape, { ...toShape(doc, part), ref: undefined });
  }

  const alternatives = Array.isArray(value.oneOf)
    ? value.oneOf
    : Array.isArray(value.anyOf)
      ? value.anyOf
      : [];
  if (alternatives.length > 0) {
    const shapes = alternatives.map((alternative) => toShape(doc, alternative));
    const nonNull = shapes.filter((alternative) => !isOnlyNull(alternative));
    const [single] = nonNull;
    if (single && nonNull.length === 1) {
      // `anyOf: [X, {type: 'null'}]` is the 3.1 way to write a nullable X: treat it as X plus null.
      const merged = mergeShapes(shape, single);
      shape = { ...merged, types: merged.types ? new Set([...merged.types, 'null']) : undefined };
    } else {
      shape = {
        ...shape,
        variants: alternatives.map((alternative, index) => ({
          schema: alternative,
          ref: shapes[index]?.ref,
        })),
      };
    }
  }
  return shape;
}
