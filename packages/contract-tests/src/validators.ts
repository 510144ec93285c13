import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isObject, type JsonObject, type LoadedSpec, loadSpec } from './spec.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const COMPONENTS_ID = 'urn:rtk-sessions:components';
const LOCAL_PREFIX = '#/components/schemas/';

/** OpenAPI 3.1 schema keywords that are annotations for validation purposes. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator'];

/** Rewrites spec-local schema `$ref`s so they resolve inside the components schema registered with ajv. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      if (!child.startsWith(LOCAL_PREFIX)) throw new Error(`unsupported schema $ref ${child}`);
      out.$ref = `${COMPONENTS_ID}#/$defs/${child.slice(LOCAL_PREFIX.length)}`;
    } else {
      out[key] = rewriteRefs(child);
    }
  }
  return out;
}

/** Every `x-*` key used inside schemas, declared to ajv so strict mode accepts them. */
function extensionKeywords(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) extensionKeywords(item, found);
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeywords(child, found);
    }
  }
  return found;
}

export interface ValidationProblem {
  /** JSON pointer into the body, e.g. `/data/session/status`. */
  path: string;
  message: string;
}

export type BodyValidator = (body: unknown) => ValidationProblem[];

/** Names the offending field the way a reader looks for it: the full path, plus what was expected. */
export function describeAjvError(error: ErrorObject): ValidationProblem {
  const base = error.instancePath === '' ? '(body)' : error.instancePath;
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
    return {
      path: `${error.instancePath}/${missing}`,
      message: `required field is missing (${base} ${error.message})`,
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return { path: base, message: `${error.message}: ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    return { path: `${error.instancePath}/${extra}`, message: 'property is not allowed by the schema' };
  }
  return { path: base, message: error.message ?? error.keyword };
}

export class ResponseValidators {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: LoadedSpec = loadSpec()) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true });
    addFormats(this.ajv);
    const components = isObject(spec.document.components) ? spec.document.components : {};
    const schemas = isObject(components.schemas) ? components.schemas : {};
    for (const keyword of [
      ...OPENAPI_ANNOTATIONS,
      ...extensionKeywords(spec.document.paths),
      ...extensionKeywords(schemas),
    ]) {
      if (this.ajv.getKeyword(keyword) === false) this.ajv.addKeyword(keyword);
    }
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(schemas) });
  }

  /** The validator of an operation's response body for one documented status. */
  forResponse(operationId: string, status: string): BodyValidator {
    const key = `${operationId} ${status}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      const operation = this.spec.operations.find((o) => o.operationId === operationId);
      const response = operation?.responses.find((r) => r.status === status);
      if (response?.schema === undefined)
        throw new Error(`${operationId} documents no JSON schema for ${status}`);
      validate = this.ajv.compile(rewriteRefs(response.schema) as JsonObject);
      this.cache.set(key, validate);
    }
    const compiled = validate;
    return (body) => (compiled(body) ? [] : (compiled.errors ?? []).map(describeAjvError));
  }
}
