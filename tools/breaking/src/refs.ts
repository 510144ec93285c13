import { InputError } from './errors.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an internal JSON pointer such as `#/components/schemas/Session`. */
function readPointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) {
    throw new InputError(`external $ref "${ref}" is not supported: compare bundled documents`);
  }
  const tokens = ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: unknown = doc;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isRecord(current)) current = current[token];
    else return undefined;
  }
  return current;
}

export interface Resolved {
  value: unknown;
  /** The last `$ref` followed, used to name schemas and to stop on recursive schemas. */
  ref: string | undefined;
}

/**
 * Follows a chain of `$ref`s. OpenAPI 3.1 allows keywords next to `$ref`; they are laid over the target
 * (the outermost wins), which is how `description` overrides are meant.
 */
export function resolve(doc: unknown, value: unknown): Resolved {
  const followed = new Set<string>();
  const siblings: Record<string, unknown> = {};
  let current = value;
  let lastRef: string | undefined;
  while (isRecord(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (followed.has(ref)) throw new InputError(`$ref "${ref}" only points back to itself`);
    followed.add(ref);
    for (const [key, sibling] of Object.entries(current)) {
      if (key !== '$ref' && !(key in siblings)) siblings[key] = sibling;
    }
    const target = readPointer(doc, ref);
    if (target === undefined) throw new InputError(`$ref "${ref}" points at nothing`);
    lastRef = ref;
    current = target;
  }
  if (lastRef !== undefined && isRecord(current) && Object.keys(siblings).length > 0) {
    current = { ...current, ...siblings };
  }
  return { value: current, ref: lastRef };
}
