import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The bundled spec the suite checks against (built by `@rtk-sessions/spec` bundle); CONTRACT_SPEC points the
 * suite (Prism and the validators alike) at another bundled document, e.g. a candidate version.
 */
export const bundledSpecPath =
  process.env.CONTRACT_SPEC ?? fileURLToPath(new URL('../../../spec/dist/openapi.json', import.meta.url));

export type JsonObject = { [key: string]: unknown };
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';

const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
  'trace',
];

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The parameter's schema with `$ref`s still in place (they point into components.schemas). */
  schema: JsonObject;
  example?: unknown;
  /** Serialization (OpenAPI defaults for query: form, exploded). */
  style: string;
  explode: boolean;
}

export interface ResponseSpec {
  status: string;
  /** JSON body schema, when the response documents `application/json` content. */
  schema?: JsonObject;
  /** First example of the JSON body (from `example` or `examples`), if any. */
  example?: unknown;
  /** Lower-cased header names the response documents. */
  headers: string[];
}

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  path: string;
  parameters: ParameterSpec[];
  responses: ResponseSpec[];
}

export interface LoadedSpec {
  document: JsonObject;
  operations: OperationSpec[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local JSON pointer such as `#/components/parameters/PageNo`. */
function resolvePointer(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) && !Array.isArray(node)) throw new Error(`dangling $ref ${ref}`);
    node = (node as JsonObject)[key];
  }
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node;
}

/** Dereferences an object that may itself be a `$ref` (parameters, responses, headers); schemas keep theirs. */
function deref(document: JsonObject, value: unknown, seen = new Set<string>()): JsonObject {
  if (!isObject(value)) throw new Error(`expected an object in the spec, got ${JSON.stringify(value)}`);
  const ref = value.$ref;
  if (typeof ref !== 'string') return value;
  if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
  seen.add(ref);
  return deref(document, resolvePointer(document, ref), seen);
}

/** Resolves a schema `$ref` chain for inspection (enum, type, format); ajv does the real resolution. */
export function resolveSchema(document: JsonObject, schema: JsonObject): JsonObject {
  return deref(document, schema);
}

function firstExample(media: JsonObject, document: JsonObject): unknown {
  if ('example' in media) return media.example;
  if (isObject(media.examples)) {
    const first = Object.values(media.examples)[0];
    if (first !== undefined) return deref(document, first).value;
  }
  return undefined;
}

function readParameters(document: JsonObject, raw: unknown): ParameterSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const parameter = deref(document, item);
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    const style =
      typeof parameter.style === 'string' ? parameter.style : parameter.in === 'query' ? 'form' : 'simple';
    return {
      name: String(parameter.name),
      in: parameter.in as ParameterSpec['in'],
      required: parameter.required === true,
      schema,
      example: parameter.example,
      style,
      explode: typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form',
    };
  });
}

function readResponses(document: JsonObject, raw: unknown): ResponseSpec[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([status, value]) => {
    const response = deref(document, value);
    const content = isObject(response.content) ? response.content : {};
    const jsonKey = Object.keys(content).find((type) => /^application\/([\w.+-]+\+)?json/.test(type));
    const media = jsonKey === undefined ? undefined : deref(document, content[jsonKey]);
    const headers = isObject(response.headers)
      ? Object.keys(response.headers).map((h) => h.toLowerCase())
      : [];
    return {
      status,
      schema: media && isObject(media.schema) ? media.schema : undefined,
      example: media ? firstExample(media, document) : undefined,
      headers,
    };
  });
}

/** Reads every operation of the document, merging path-level and operation-level parameters. */
export function readOperations(document: JsonObject): OperationSpec[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const operations: OperationSpec[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(document, rawItem);
    const shared = readParameters(document, item.parameters);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      if (typeof operation.operationId !== 'string')
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const own = readParameters(document, operation.parameters);
      const overridden = new Set(own.map((p) => `${p.in}:${p.name}`));
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        parameters: [...shared.filter((p) => !overridden.has(`${p.in}:${p.name}`)), ...own],
        responses: readResponses(document, operation.responses),
      });
    }
  }
  return operations;
}

let cached: LoadedSpec | undefined;

/** Loads the bundled spec once per process. */
export function loadSpec(path = bundledSpecPath): LoadedSpec {
  if (cached !== undefined && path === bundledSpecPath) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(
      `bundled spec not found at ${path}: run npx pnpm@10.34.8 --filter @rtk-sessions/spec run bundle`,
    );
  }
  const document = JSON.parse(text) as JsonObject;
  const loaded = { document, operations: readOperations(document) };
  if (path === bundledSpecPath) cached = loaded;
  return loaded;
}

export function operationById(spec: LoadedSpec, operationId: string): OperationSpec {
  const operation = spec.operations.find((o) => o.operationId === operationId);
  if (operation === undefined) throw new Error(`operation ${operationId} is not in the spec`);
  return operation;
}

export function successResponse(operation: OperationSpec): ResponseSpec {
  const success = operation.responses.find((r) => /^2\d\d$/.test(r.status));
  if (success === undefined) throw new Error(`${operation.operationId} documents no 2xx response`);
  return success;
}

/** Documented 4xx/5xx statuses, numerically sorted (no `default`, no `4XX` ranges). */
export function errorStatuses(operation: OperationSpec): number[] {
  return operation.responses
    .map((r) => r.status)
    .filter((s) => /^[45]\d\d$/.test(s))
    .map(Number)
    .sort((a, b) => a - b);
}
