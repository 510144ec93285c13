import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  isReference,
  type JsonObject,
  listOperations,
  loadBundle,
  type MediaTypeObject,
  type OpenApiDocument,
  resolve,
} from './support/openapi.js';
import { readSeedExamples } from './support/seed.js';
import { createValidator } from './support/validator.js';

const doc = loadBundle();
const strict = createValidator(doc, { formats: true });
const formatsOff = createValidator(doc, { formats: false });

interface ExampleCase {
  name: string;
  schema: JsonObject;
  value: unknown;
  componentExample?: string;
}

function mediaTypeExamples(label: string, media: MediaTypeObject, spec: OpenApiDocument): ExampleCase[] {
  if (!media.schema) throw new Error(`${label} has no schema`);
  const schema = media.schema;
  const cases: ExampleCase[] = [];
  if (media.example !== undefined) cases.push({ name: `${label} example`, schema, value: media.example });
  for (const [key, raw] of Object.entries(media.examples ?? {})) {
    const componentExample = isReference(raw) ? raw.$ref.split('/').at(-1) : undefined;
    cases.push({
      name: `${label} example ${key}`,
      schema,
      value: resolve(spec, raw).value,
      componentExample,
    });
  }
  return cases;
}

const responseCases: ExampleCase[] = listOperations(doc).flatMap(({ operation }) =>
  Object.entries(operation.responses).flatMap(([status, raw]) =>
    Object.entries(resolve(doc, raw).content ?? {}).flatMap(([mediaType, media]) =>
      mediaTypeExamples(`${operation.operationId} ${status} ${mediaType}`, media, doc),
    ),
  ),
);

const parameterCases: ExampleCase[] = listOperations(doc).flatMap(({ operation, parameters }) =>
  parameters
    .filter((parameter) => parameter.example !== undefined)
    .map((parameter) => ({
      name: `${operation.operationId} ${parameter.in} parameter ${parameter.name}`,
      schema: parameter.schema,
      value: parameter.example,
    })),
);

function errorsOf(schema: JsonObject, value: unknown, validator = strict): ErrorObject[] {
  const validate = validator.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []);
}

describe('examples in the bundled spec', () => {
  it.each(responseCases)('$name validates against its schema', ({ schema, value }) => {
    expect(errorsOf(schema, value)).toEqual([]);
  });

  it.each(parameterCases)('$name example validates against its schema', ({ schema, value }) => {
    expect(errorsOf(schema, value)).toEqual([]);
  });

  it('has an example on every response, so none goes unvalidated', () => {
    const operations = listOperations(doc);
    const responses = operations.flatMap(({ operation }) => Object.keys(operation.responses));
    const namesWithExamples = new Set(responses.length > 0 ? responseCases.map((c) => c.name) : []);
    expect(responseCases.length).toBeGreaterThanOrEqual(responses.length);
    for (const { operation } of operations) {
      for (const status of Object.keys(operation.responses)) {
        const prefix = `${operation.operationId} ${status} `;
        expect(
          [...namesWithExamples].some((name) => name.startsWith(prefix)),
          prefix,
        ).toBe(true);
      }
    }
  });

  it('uses every component example in some response, so none goes unvalidated', () => {
    const used = new Set(responseCases.map((c) => c.componentExample));
    const unused = Object.keys(doc.components.examples).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});

describe('the schemas are neither too loose nor too strict', () => {
  const sessions = doc.components.schemas.GetSessionsResponse;
  const session = {
    id: 'id',
    associated_id: 'a',
    created_at: '2024-05-07T09:00:03.915Z',
    live_participants: 0,
    max_concurrent_participants: 1,
    meeting_display_name: 'm',
    minutes_consumed: 1.5,
    organization_id: 'o',
    started_at: '2024-05-07T09:00:03.915Z',
    status: 'ENDED',
    type: 'meeting',
    updated_at: '2024-05-07T09:00:03.915Z',
  };
  if (!sessions) throw new Error('GetSessionsResponse schema missing');

  it('accepts fields the API may add later (no additionalProperties: false)', () => {
    expect(errorsOf(sessions, { data: { sessions: [{ ...session, new_field: 1 }] }, success: true })).toEqual(
      [],
    );
  });

  it('rejects a session without a required field', () => {
    const { id: _omitted, ...withoutId } = session;
    expect(errorsOf(sessions, { data: { sessions: [withoutId] } })).toContainEqual(
      expect.objectContaining({ keyword: 'required', params: { missingProperty: 'id' } }),
    );
  });

  it('rejects a status outside the enum', () => {
    expect(errorsOf(sessions, { data: { sessions: [{ ...session, status: 'PAUSED' }] } })).toContainEqual(
      expect.objectContaining({ keyword: 'enum', instancePath: '/data/sessions/0/status' }),
    );
  });

  it('rejects a timestamp that is not ISO 8601 when formats are on', () => {
    expect(
      errorsOf(sessions, { data: { sessions: [{ ...session, created_at: 'yesterday' }] } }),
    ).toContainEqual(expect.objectContaining({ keyword: 'format', params: { format: 'date-time' } }));
  });

  it('ignores formats for the reference placeholders when formats are off', () => {
    expect(
      errorsOf(sessions, { data: { sessions: [{ ...session, created_at: 'created_at' }] } }, formatsOff),
    ).toEqual([]);
  });
});

describe('JSON examples of the API reference (seed), formats off', () => {
  const seedExamples = readSeedExamples();
  const operationIds = new Set(listOperations(doc).map(({ operation }) => operation.operationId));

  it('finds one response example per operation that returns data, in the reference order', () => {
    expect(seedExamples.map((example) => example.method)).toEqual([
      'getSessions',
      'getSessionDetails',
      'getSessionParticipants',
      'getSessionParticipantDetails',
      'getSessionChat',
      'getSessionTranscripts',
      'getSessionSummary',
      'getParticipantDataFromPeerId',
    ]);
  });

  it.each(seedExamples)('seed example of $method validates against its 200 schema', ({ method, value }) => {
    expect(operationIds.has(method)).toBe(true);
    const entry = listOperations(doc).find(({ operation }) => operation.operationId === method);
    const ok = entry && resolve(doc, entry.operation.responses['200'] ?? { $ref: '#/missing' });
    const schema = ok?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} has no 200 application/json schema`);
    expect(errorsOf(schema, value, formatsOff)).toEqual([]);
  });
});
