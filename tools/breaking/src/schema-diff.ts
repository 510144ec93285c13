import { isRecord } from './refs.js';
import { type Shape, sameValue, toShape, typesCovered, type Variant } from './shape.js';
import type { BreakingChange, BreakingKind, Note } from './types.js';

/**
 * Which way data flows decides what breaks: a response schema is read by clients (it must not lose
 * fields or start sending new types), a request schema or parameter is written by clients (it must keep
 * accepting what it accepted).
 */
export type Side = 'parameter' | 'request' | 'response';

export interface SchemaContext {
  base: unknown;
  head: unknown;
  side: Side;
  /** Turns a field path (`data.sessions[].id`) into a full location. */
  locate: (fieldPath: string) => string;
  breaking: BreakingChange[];
  notes: Note[];
}

const narrowedKinds: Record<Exclude<Side, 'response'>, { type: BreakingKind; enum: BreakingKind }> = {
  parameter: { type: 'parameter-type-changed', enum: 'parameter-enum-narrowed' },
  request: { type: 'request-type-narrowed', enum: 'request-enum-narrowed' },
};

function field(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function describeTypes(types: ReadonlySet<string> | undefined): string {
  return types ? [...types].sort().join('|') : 'any';
}

function describeValues(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function report(ctx: SchemaContext, kind: BreakingKind, path: string, message: string): void {
  ctx.breaking.push({ kind, location: ctx.locate(path), message });
}

function typeKind(ctx: SchemaContext): BreakingKind {
  return ctx.side === 'response' ? 'response-type-changed' : narrowedKinds[ctx.side].type;
}

/** Reports a type break and returns true when the head no longer fits the base for this side. */
function compareTypes(ctx: SchemaContext, base: Shape, head: Shape, path: string): boolean {
  // Readers break when the head can produce a type they never saw; writers when a type they sent is refused.
  const [from, to] = ctx.side === 'response' ? [head.types, base.types] : [base.types, head.types];
  if (to === undefined) return false;
  if (from !== undefined && typesCovered(from, to)) return false;
  report(
    ctx,
    typeKind(ctx),
    path,
    `type changed from ${describeTypes(base.types)} to ${describeTypes(head.types)}`,
  );
  return true;
}

function compareEnums(ctx: SchemaContext, base: Shape, head: Shape, path: string): void {
  if (ctx.side === 'response') {
    if (base.enumValues === undefined) return;
    const added = head.enumValues?.filter((value) => !base.enumValues?.some((old) => sameValue(old, value)));
    if (head.enumValues === undefined || (added && added.length > 0)) {
      ctx.notes.push({
        kind: 'response-enum-widened',
        location: ctx.locate(path),
        message: added ? `may now return ${describeValues(added)}` : 'enum removed: may now return any value',
      });
    }
    return;
  }
  if (head.enumValues === undefined) return;
  const accepted = head.enumValues;
  if (base.enumValues === undefined) {
    report(ctx, narrowedKinds[ctx.side].enum, path, `now restricted to ${describeValues(accepted)}`);
    return;
  }
  const removed = base.enumValues.filter((value) => !accepted.some((now) => sameValue(now, value)));
  if (removed.length > 0) {
    report(ctx, narrowedKinds[ctx.side].enum, path, `no longer accepts ${describeValues(removed)}`);
  }
}

function compareProperties(ctx: SchemaContext, base: Shape, head: Shape, path: string, stack: Set<string>) {
  for (const [name, baseProperty] of base.properties) {
    const headProperty = head.properties.get(name);
    const at = field(path, name);
    if (headProperty === undefined) {
      if (ctx.side === 'response')
        report(ctx, 'response-field-removed', at, 'field removed from the response');
      else if (head.additional === false) report(ctx, typeKind(ctx), at, 'field no longer accepted');
      continue;
    }
    if (ctx.side === 'response' && base.required.has(name) && !head.required.has(name)) {
      report(ctx, 'response-field-became-optional', at, 'field was always present and is now optional');
    }
    compareSchema(ctx, baseProperty, headProperty, at, stack);
  }
  if (ctx.side === 'response') return;
  for (const name of head.required) {
    if (base.required.has(name)) continue;
    const kind = ctx.side === 'request' ? 'request-field-became-required' : 'parameter-type-changed';
    report(ctx, kind, field(path, name), 'field is now required');
  }
}

function compareAdditional(ctx: SchemaContext, base: Shape, head: Shape, path: string, stack: Set<string>) {
  const at = field(path, '*');
  const baseDeclared = base.additional === true || isRecord(base.additional);
  if (baseDeclared && head.additional === false) {
    const kind = ctx.side === 'response' ? 'response-field-removed' : typeKind(ctx);
    report(ctx, kind, at, 'additional properties no longer allowed');
  } else if (isRecord(base.additional) && isRecord(head.additional)) {
    compareSchema(ctx, base.additional, head.additional, at, stack);
  }
}

interface Pair {
  base: Shape;
  head: Shape;
  baseSchema: unknown;
  headSchema: unknown;
}

/** A plain schema against a `oneOf`/`anyOf`: fine only in the narrowing direction, then compared with the fitting alternative. */
function comparePlainWithChoice(ctx: SchemaContext, pair: Pair, path: string, stack: Set<string>) {
  const choiceIsHead = pair.head.variants !== undefined;
  const alternatives = (choiceIsHead ? pair.head.variants : pair.base.variants) ?? [];
  if (choiceIsHead === (ctx.side === 'response')) {
    const verb = choiceIsHead ? 'may now be one of' : 'no longer accepts all of';
    report(ctx, typeKind(ctx), path, `${verb} ${alternatives.length} alternative schemas`);
    return;
  }
  const plain = choiceIsHead ? pair.base : pair.head;
  const fitting = alternatives.find((alternative) => {
    const types = toShape(choiceIsHead ? ctx.head : ctx.base, alternative.schema).types;
    return types === undefined || (plain.types !== undefined && typesCovered(plain.types, types));
  });
  if (fitting === undefined) {
    report(ctx, typeKind(ctx), path, `type ${describeTypes(plain.types)} matches none of the alternatives`);
  } else if (choiceIsHead) {
    compareSchema(ctx, pair.baseSchema, fitting.schema, path, stack);
  } else {
    compareSchema(ctx, fitting.schema, pair.headSchema, path, stack);
  }
}

function matchVariant(variant: Variant, index: number, candidates: readonly Variant[]): Variant | undefined {
  if (variant.ref !== undefined) return candidates.find((candidate) => candidate.ref === variant.ref);
  return candidates[index]?.ref === undefined ? candidates[index] : undefined;
}

/** Alternatives are matched by the schema they reference, else by position. */
function compareChoices(ctx: SchemaContext, pair: Pair, path: string, stack: Set<string>) {
  const baseVariants = pair.base.variants ?? [];
  const headVariants = pair.head.variants ?? [];
  const matched = new Set<Variant>();
  baseVariants.forEach((variant, index) => {
    const match = matchVariant(variant, index, headVariants);
    if (match === undefined) {
      if (ctx.side !== 'response')
        report(ctx, typeKind(ctx), path, `alternative ${index + 1} no longer accepted`);
      return;
    }
    matched.add(match);
    compareSchema(ctx, variant.schema, match.schema, path, stack);
  });
  const added = headVariants.filter((variant) => !matched.has(variant)).length;
  if (ctx.side === 'response' && added > 0) {
    report(ctx, 'response-type-changed', path, `${added} new alternative schema(s) may be returned`);
  }
}

/** Compares two schemas found at the same place; `stack` holds the `$ref` pairs being compared, to stop on cycles. */
export function compareSchema(
  ctx: SchemaContext,
  baseSchema: unknown,
  headSchema: unknown,
  path: string,
  stack: Set<string> = new Set(),
): void {
  const base = toShape(ctx.base, baseSchema);
  const head = toShape(ctx.head, headSchema);
  const pair =
    base.ref !== undefined || head.ref !== undefined ? `${base.ref ?? ''} ${head.ref ?? ''}` : undefined;
  if (pair !== undefined && stack.has(pair)) return;
  if (pair !== undefined) stack.add(pair);
  try {
    if (base.variants || head.variants) {
      const pairOfShapes = { base, head, baseSchema, headSchema };
      if (base.variants && head.variants) compareChoices(ctx, pairOfShapes, path, stack);
      else comparePlainWithChoice(ctx, pairOfShapes, path, stack);
      return;
    }
    if (compareTypes(ctx, base, head, path)) return;
    compareEnums(ctx, base, head, path);
    compareProperties(ctx, base, head, path, stack);
    compareAdditional(ctx, base, head, path, stack);
    if (base.items !== undefined || head.items !== undefined) {
      compareSchema(ctx, base.items, head.items, `${path}[]`, stack);
    }
  } finally {
    if (pair !== undefined) stack.delete(pair);
  }
}
