import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { JsonObject, OpenApiDocument } from './openapi.js';

// ajv-formats is CommonJS with only a default export; under NodeNext that export is `.default`.
const addFormats = ajvFormats.default;

// Ajv cannot resolve `#/components/schemas/X` inside an OpenAPI document, so the component schemas are
// registered as `$defs` of one schema and the references are rewritten to point there.
const componentsId = 'https://rtk-sessions.local/components.json';

function rewriteRefs<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value).replaceAll('"#/components/schemas/', `"${componentsId}#/$defs/`),
  ) as T;
}

export interface SchemaValidator {
  compile(schema: JsonObject): ValidateFunction;
}

/**
 * A draft 2020-12 validator (what OpenAPI 3.1 schemas are) over the bundle's component schemas.
 * `formats: false` ignores `format`, for the API reference's placeholder examples (`"created_at": "created_at"`).
 */
export function createValidator(doc: OpenApiDocument, { formats }: { formats: boolean }): SchemaValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: formats });
  if (formats) addFormats(ajv);
  // OpenAPI's `example` annotation is not a JSON Schema keyword; declare it so strict mode accepts it.
  ajv.addKeyword('example');
  ajv.addSchema({ $id: componentsId, $defs: rewriteRefs(doc.components.schemas) });
  return { compile: (schema) => ajv.compile(rewriteRefs(schema)) };
}
