import type { OpenApiDoc } from '../src/diff.js';

export const LIST = '/accounts/{account_id}/realtime/kit/{app_id}/sessions';
export const DETAILS = '/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}';
/** Not part of the Sessions API: gives the fixture a request body to break. */
export const NOTES = '/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/notes';

/**
 * A small OpenAPI 3.1 document shaped like the bundled spec: internal `$ref`s, a recursive schema,
 * 3.1 type arrays, enums behind refs, nested arrays, path-level parameters.
 */
export function baseSpec(): OpenApiDoc {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1.0.0' },
    paths: {
      [LIST]: {
        parameters: [
          { $ref: '#/components/parameters/AccountId' },
          { $ref: '#/components/parameters/AppId' },
        ],
        get: {
          operationId: 'getSessions',
          parameters: [
            { $ref: '#/components/parameters/PageNo' },
            { name: 'sort_order', in: 'query', schema: { type: 'string', enum: ['ASC', 'DESC'] } },
            {
              name: 'filters',
              in: 'query',
              style: 'form',
              explode: false,
              schema: { type: 'array', items: { type: 'string', enum: ['device_info', 'events'] } },
            },
          ],
          responses: {
            '200': {
              description: 'Sessions',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['success'],
                    properties: {
                      success: { type: 'boolean' },
                      data: {
                        type: 'object',
                        properties: {
                          sessions: { type: 'array', items: { $ref: '#/components/schemas/Session' } },
                        },
                      },
                    },
                  },
                },
              },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
      },
      [DETAILS]: {
        parameters: [
          { $ref: '#/components/parameters/AccountId' },
          { $ref: '#/components/parameters/AppId' },
        ],
        get: {
          operationId: 'getSessionDetails',
          parameters: [
            { name: 'session_id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'include_breakout_rooms', in: 'query', schema: { type: 'boolean' } },
          ],
          responses: {
            '200': {
              description: 'One session',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      success: { type: 'boolean' },
                      data: {
                        type: 'object',
                        properties: { session: { $ref: '#/components/schemas/Session' } },
                      },
                    },
                  },
                },
                'text/csv': { schema: { type: 'string' } },
              },
            },
          },
        },
      },
      [NOTES]: {
        post: {
          operationId: 'addNote',
          parameters: [
            { $ref: '#/components/parameters/AccountId' },
            { $ref: '#/components/parameters/AppId' },
            { name: 'session_id', in: 'path', required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['text'],
                  properties: {
                    text: { type: 'string' },
                    priority: { type: 'integer' },
                    visibility: { $ref: '#/components/schemas/Visibility' },
                    tags: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
          responses: { '201': { description: 'Created' } },
        },
      },
    },
    components: {
      parameters: {
        AccountId: { name: 'account_id', in: 'path', required: true, schema: { type: 'string' } },
        AppId: { name: 'app_id', in: 'path', required: true, schema: { type: 'string' } },
        PageNo: { name: 'page_no', in: 'query', schema: { type: 'integer', minimum: 1 } },
      },
      responses: {
        Unauthorized: { description: 'Missing token' },
      },
      schemas: {
        Session: {
          type: 'object',
          required: ['id', 'status'],
          properties: {
            id: { type: 'string', description: 'ID of the session' },
            status: { $ref: '#/components/schemas/SessionStatus' },
            ended_at: { type: ['string', 'null'] },
            minutes_consumed: { type: 'number' },
            meta: { type: 'object', additionalProperties: { type: 'string' } },
            breakout_rooms: { type: 'array', items: { $ref: '#/components/schemas/Session' } },
          },
        },
        SessionStatus: { type: 'string', enum: ['LIVE', 'ENDED'] },
        Visibility: { type: 'string', enum: ['private', 'team'] },
      },
    },
  };
}

/** Walks a plain JSON path in a document, for the tests to edit a copy in place. */
export function at(doc: unknown, ...keys: string[]): Record<string, unknown> {
  let current: unknown = doc;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) throw new Error(`no ${keys.join('/')}`);
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current !== 'object' || current === null) throw new Error(`no object at ${keys.join('/')}`);
  return current as Record<string, unknown>;
}
