import { describe, expect, it } from 'vitest';
import { listOperations, loadBundle, resolve } from './support/openapi.js';

const doc = loadBundle();
const operations = listOperations(doc);
const base = '/accounts/{account_id}/realtime/kit/{app_id}/sessions';

const expected = [
  ['getSessions', 'get', base],
  ['getSessionDetails', 'get', `${base}/{session_id}`],
  ['getSessionParticipants', 'get', `${base}/{session_id}/participants`],
  ['getSessionParticipantDetails', 'get', `${base}/{session_id}/participants/{participant_id}`],
  ['getSessionChat', 'get', `${base}/{session_id}/chat`],
  ['getSessionTranscripts', 'get', `${base}/{session_id}/transcript`],
  ['getSessionSummary', 'get', `${base}/{session_id}/summary`],
  ['generateSummaryOfTranscripts', 'post', `${base}/{session_id}/summary`],
  ['getParticipantDataFromPeerId', 'get', `${base}/peer-report/{peer_id}`],
] as const;

const errorStatuses = ['400', '401', '403', '404', '429', '500', '503'];

describe('spec shape', () => {
  it('has exactly the nine operations, with their methods and paths', () => {
    const actual = operations.map(({ operation, method, path }) => [operation.operationId, method, path]);
    expect(actual.sort()).toEqual(expected.map((row) => [...row]).sort());
  });

  it('is served from the Cloudflare v4 API base URL', () => {
    expect(doc.servers.map((server) => server.url)).toEqual(['https://api.cloudflare.com/client/v4']);
  });

  it('requires the bearer API token globally, and no operation opts out', () => {
    expect(doc.components.securitySchemes.api_token).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ api_token: [] }]);
    expect(operations.filter(({ operation }) => operation.security !== undefined)).toEqual([]);
  });

  describe.each(expected.map(([operationId]) => operationId))('%s', (operationId) => {
    const entry = operations.find(({ operation }) => operation.operationId === operationId);
    if (!entry) throw new Error(`${operationId} missing`);
    const { operation, parameters, path } = entry;

    it('declares every path parameter of its path', () => {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = parameters.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort()).toEqual(inPath.sort());
      expect(declared.every((p) => p.required === true && p.schema.type === 'string')).toBe(true);
    });

    it('has a summary, a description and a declared tag', () => {
      expect(operation.summary).not.toBe('');
      expect(operation.description).not.toBe('');
      const tags = new Set(doc.tags.map((tag) => tag.name));
      expect(operation.tags.length).toBe(1);
      expect(operation.tags.every((tag) => tags.has(tag))).toBe(true);
    });

    it('answers 200 with a JSON example', () => {
      const ok = resolve(doc, operation.responses['200'] ?? { $ref: '#/missing' });
      const media = ok.content?.['application/json'];
      expect(media?.schema).toBeDefined();
      expect(
        Object.keys(media?.examples ?? {}).length + (media?.example === undefined ? 0 : 1),
      ).toBeGreaterThan(0);
    });

    it.each(errorStatuses)('answers %s with the shared Cloudflare error body', (status) => {
      const response = resolve(doc, operation.responses[status] ?? { $ref: '#/missing' });
      expect(response.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/ErrorResponse',
      });
    });

    it('documents Retry-After (integer seconds) on 429', () => {
      const response = resolve(doc, operation.responses['429'] ?? { $ref: '#/missing' });
      const header = resolve(doc, response.headers?.['Retry-After'] ?? { $ref: '#/missing' });
      expect(header.schema).toMatchObject({ type: 'integer' });
    });
  });

  it('serialises filters as one comma-separated value (form, explode false)', () => {
    const filters = operations.flatMap(({ parameters }) => parameters.filter((p) => p.name === 'filters'));
    expect(filters.length).toBe(2);
    for (const parameter of filters) {
      expect(parameter).toMatchObject({ in: 'query', style: 'form', explode: false });
      expect(parameter.schema).toMatchObject({ type: 'array', uniqueItems: true });
    }
  });
});
