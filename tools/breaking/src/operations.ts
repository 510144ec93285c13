import { isRecord, resolve } from './refs.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  /** `GET /accounts/{account_id}/...` as written in the document. */
  label: string;
  operation: Record<string, unknown>;
  parameters: Map<string, Record<string, unknown>>;
}

/**
 * Path templates match whatever their variables are called, so renaming `{id}` to `{session_id}`
 * shows up as a parameter change instead of a removed operation.
 */
function templateKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function parameterKey(parameter: Record<string, unknown>): string | undefined {
  if (typeof parameter.name !== 'string' || typeof parameter.in !== 'string') return undefined;
  // HTTP header names are case-insensitive.
  const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
  return `${parameter.in}.${name}`;
}

/** Path-level parameters apply to every operation; an operation's own parameter with the same name+in wins. */
function mergeParameters(doc: unknown, ...lists: unknown[]): Map<string, Record<string, unknown>> {
  const merged = new Map<string, Record<string, unknown>>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = resolve(doc, entry).value;
      if (!isRecord(parameter)) continue;
      const key = parameterKey(parameter);
      if (key !== undefined) merged.set(key, parameter);
    }
  }
  return merged;
}

/** Every operation of a document, keyed by method and path template. */
export function collectOperations(doc: { paths?: Record<string, unknown> }): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolve(doc, rawItem).value;
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      operations.set(`${method} ${templateKey(path)}`, {
        label: `${method.toUpperCase()} ${path}`,
        operation,
        parameters: mergeParameters(doc, item.parameters, operation.parameters),
      });
    }
  }
  return operations;
}
