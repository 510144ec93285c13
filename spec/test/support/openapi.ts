import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The parts of a bundled OpenAPI 3.1 document the tests look at. */
export type JsonObject = { [key: string]: unknown };
export interface Reference {
  $ref: string;
}
export interface ExampleObject {
  summary?: string;
  value: unknown;
}
export interface MediaTypeObject {
  schema?: JsonObject;
  example?: unknown;
  examples?: Record<string, ExampleObject | Reference>;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, JsonObject | Reference>;
  content?: Record<string, MediaTypeObject>;
}
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  schema: JsonObject;
  example?: unknown;
}
export interface OperationObject {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: Array<ParameterObject | Reference>;
  responses: Record<string, ResponseObject | Reference>;
  security?: Array<Record<string, string[]>>;
}
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
export type PathItemObject = { parameters?: Array<ParameterObject | Reference> } & {
  [method in HttpMethod]?: OperationObject;
};
export interface OpenApiDocument {
  openapi: string;
  servers: Array<{ url: string }>;
  security?: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonObject>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    examples: Record<string, ExampleObject>;
    headers: Record<string, JsonObject>;
    securitySchemes: Record<string, JsonObject>;
  };
}

export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
// A copy of the API reference the spec is written from, kept in the repo so the tests run anywhere.
export const seedPath = fileURLToPath(
  new URL('../../reference/realtimekit-sessions-api.md', import.meta.url),
);

const httpMethods: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** The bundled (self-contained) description, as produced by `pnpm run bundle`. */
export function loadBundle(): OpenApiDocument {
  return JSON.parse(readFileSync(`${distDir}openapi.json`, 'utf8')) as OpenApiDocument;
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

/** Follows a local `#/...` reference inside the bundle (bundles contain no other kind). */
export function resolve<T>(doc: OpenApiDocument, value: T | Reference): T {
  if (!isReference(value)) return value;
  if (!value.$ref.startsWith('#/')) throw new Error(`Not a local reference: ${value.$ref}`);
  let node: unknown = doc;
  for (const raw of value.$ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new Error(`Dangling reference: ${value.$ref}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return resolve(doc, node as T | Reference);
}

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  /** Path-level and operation-level parameters, resolved (operation-level ones win). */
  parameters: ParameterObject[];
}

export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation) continue;
      const byKey = new Map<string, ParameterObject>();
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolve(doc, raw);
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      entries.push({ path, method, operation, parameters: [...byKey.values()] });
    }
  }
  return entries;
}
