import { type PrismHandle, startPrism } from '@rtk-sessions/mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionsClient, type SessionsApiError } from '../src/index.js';
import {
  expectedQuery,
  idArbitrary,
  isEncodable,
  parseQuery,
  queryArbitrary,
} from './support/arbitraries.js';
import { checkProperty, expectRefusedBeforeSending } from './support/fuzz.js';
import { callOperation, OPERATIONS, type SpecOperation } from './support/operations.js';
import { json, startServer, type TestServer } from './support/server.js';

// Valid for the spec's path patterns (account_id is at most 32 characters), so Prism judges only the query.
const IDS = {
  account_id: '023e105f4ecef8ad9ca31a8372d0c353',
  app_id: 'app-1',
  session_id: 'session-1',
  participant_id: 'participant-1',
  peer_id: 'peer-1',
};

const caseArbitrary = fc
  .constantFrom(...OPERATIONS)
  .chain((operation) => fc.tuple(fc.constant(operation), queryArbitrary(operation)));

/**
 * RFC 3986 unreserved characters, percent-escapes and the separators form style uses. encodeURIComponent also
 * leaves `!'()*` as they are: sub-delimiters with no meaning inside a query value, which servers read alike.
 */
const QUERY_ALPHABET = /^(?:[A-Za-z0-9\-._~!'()*&=,]|%[0-9A-F]{2})*$/;

describe('query parameters derived from the spec', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(json(200, { success: true, data: {} }));
  });
  afterAll(() => server.close());

  it('reach a local server exactly as the spec serializes them', async () => {
    const client = createSessionsClient({ apiToken: 't', baseUrl: server.url, retry: false });
    const sent = new Map<string, number>();
    await checkProperty(
      'query serialization (local server)',
      fc.asyncProperty(caseArbitrary, async ([operation, query]) => {
        const before = server.requests.length;
        await callOperation(client, operation, IDS, query);
        expect(server.requests.length).toBe(before + 1);
        const target = server.requests.at(-1)?.target ?? '';
        const raw = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
        expect(raw).toMatch(QUERY_ALPHABET);
        expect(parseQuery(raw, operation)).toEqual(expectedQuery(operation, query));
        for (const name of Object.keys(query)) sent.set(name, (sent.get(name) ?? 0) + 1);
      }),
      1_500,
    );
    // Every query parameter of the spec was exercised.
    const all = new Set(
      OPERATIONS.flatMap((operation) => operation.query.map((parameter) => parameter.name)),
    );
    expect([...all].filter((name) => !sent.has(name))).toEqual([]);
  });

  it('free text with any UTF-16 is sent exactly, or refused before sending when it cannot be encoded', async () => {
    const client = createSessionsClient({ apiToken: 't', baseUrl: server.url, retry: { baseDelayMs: 1 } });
    const getSessions = OPERATIONS.find((operation) => operation.operationId === 'getSessions');
    if (!getSessions) throw new Error('getSessions is not in the spec');
    let refused = 0;
    await checkProperty(
      'query free text, any UTF-16',
      fc.asyncProperty(idArbitrary, async (search) => {
        const before = server.requests.length;
        const outcome = await callOperation(client, getSessions, IDS, { search }).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (!isEncodable(search)) {
          refused++;
          expectRefusedBeforeSending(outcome, before, server.requests.length);
          return;
        }
        expect(outcome).toBeUndefined();
        const target = server.requests.at(-1)?.target ?? '';
        expect(parseQuery(target.slice(target.indexOf('?') + 1), getSessions)).toEqual(
          new Map([['search', [search]]]),
        );
      }),
      1_000,
    );
    expect(refused).toBeGreaterThan(0);
  });
});

describe('against Prism with request validation', () => {
  let prism: PrismHandle;
  beforeAll(async () => {
    prism = await startPrism({ errors: true });
  }, 60_000);
  afterAll(() => prism?.stop());

  it('every generated combination is accepted (2xx: no 400/422, no sl-violations)', async () => {
    const seen: Array<{ status: number; violations: string | null; url: string }> = [];
    const client = createSessionsClient({
      apiToken: 'prism-token',
      baseUrl: prism.url,
      retry: false,
      middleware: [
        {
          onResponse: ({ request, response }) =>
            void seen.push({
              status: response.status,
              violations: response.headers.get('sl-violations'),
              url: request.url,
            }),
        },
      ],
    });
    const describeCase = (operation: SpecOperation, query: Record<string, unknown>) =>
      `${operation.operationId} ${JSON.stringify(query)}`;
    await checkProperty(
      'query serialization (Prism)',
      fc.asyncProperty(caseArbitrary, async ([operation, query]) => {
        const error = await callOperation(client, operation, IDS, query).then(
          () => undefined,
          (e: unknown) => e as SessionsApiError,
        );
        const exchange = seen.at(-1);
        expect(exchange, describeCase(operation, query)).toBeDefined();
        expect({ status: exchange?.status, violations: exchange?.violations, error: error?.message }).toEqual(
          {
            status: expect.toSatisfy((status: number) => status >= 200 && status < 300),
            violations: null,
            error: undefined,
          },
        );
      }),
      200,
    );
    // Control: the same Prism refuses a query outside the spec, so the acceptance above means something.
    const refused = await client.getSessions(IDS.app_id, { account_id: IDS.account_id, page_no: 0 }).then(
      () => undefined,
      (e: unknown) => e as SessionsApiError,
    );
    // Prism answers a request violation with the spec's declared 400 when there is one, else with 422.
    expect(refused).toMatchObject({ kind: 'http', status: expect.toSatisfy((s) => s === 400 || s === 422) });
  }, 60_000);
});
