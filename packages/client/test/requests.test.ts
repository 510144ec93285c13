import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionsClient, SessionsApiError } from '../src/index.js';
import { json, useTestServer } from './support/server.js';

const TOKEN = 'test-token-abc123';
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const PREFIX = `/client/v4/accounts/${ACCOUNT}/realtime/kit/app-1`;

const server = useTestServer(json(200, { success: true, data: {} }));
beforeEach(() => {
  server.handle(json(200, { success: true, data: {} }));
});

const client = () =>
  createSessionsClient({
    apiToken: TOKEN,
    baseUrl: `${server.url}/client/v4`,
    accountId: ACCOUNT,
    retry: false,
  });
const last = () => server.requests.at(-1);

describe('every operation sends its method, path and bearer token', () => {
  const cases: Array<[string, string, string, (c: ReturnType<typeof client>) => Promise<unknown>]> = [
    ['getSessions', 'GET', '/sessions', (c) => c.getSessions('app-1')],
    ['getSessionDetails', 'GET', '/sessions/s-1', (c) => c.getSessionDetails('app-1', 's-1')],
    [
      'getSessionParticipants',
      'GET',
      '/sessions/s-1/participants',
      (c) => c.getSessionParticipants('app-1', 's-1'),
    ],
    [
      'getSessionParticipantDetails',
      'GET',
      '/sessions/s-1/participants/p-1',
      (c) => c.getSessionParticipantDetails('app-1', 's-1', 'p-1'),
    ],
    ['getSessionChat', 'GET', '/sessions/s-1/chat', (c) => c.getSessionChat('app-1', 's-1')],
    [
      'getSessionTranscripts',
      'GET',
      '/sessions/s-1/transcript',
      (c) => c.getSessionTranscripts('app-1', 's-1'),
    ],
    ['getSessionSummary', 'GET', '/sessions/s-1/summary', (c) => c.getSessionSummary('app-1', 's-1')],
    [
      'generateSummaryOfTranscripts',
      'POST',
      '/sessions/s-1/summary',
      (c) => c.generateSummaryOfTranscripts('app-1', 's-1'),
    ],
    [
      'getParticipantDataFromPeerId',
      'GET',
      '/sessions/peer-report/peer-1',
      (c) => c.getParticipantDataFromPeerId('app-1', 'peer-1'),
    ],
  ];
  it.each(cases)('%s', async (_name, method, suffix, run) => {
    await run(client());
    expect(last()?.method).toBe(method);
    expect(last()?.target).toBe(`${PREFIX}${suffix}`);
    expect(last()?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('query serialization', () => {
  it('sends every getSessions parameter as the spec defines it', async () => {
    await client().getSessions('app-1', {
      associated_id: 'meeting 1',
      start_time: '2025-01-01T00:00:00Z',
      end_time: '2025-01-31T23:59:59.999Z',
      page_no: 2,
      per_page: 50,
      participants: '2-10',
      search: 'a&b=c',
      sort_by: 'minutesConsumed',
      sort_order: 'DESC',
      status: 'ENDED',
    });
    const query = new URL(last()?.target ?? '', server.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      associated_id: 'meeting 1',
      start_time: '2025-01-01T00:00:00Z',
      end_time: '2025-01-31T23:59:59.999Z',
      page_no: '2',
      per_page: '50',
      participants: '2-10',
      search: 'a&b=c',
      sort_by: 'minutesConsumed',
      sort_order: 'DESC',
      status: 'ENDED',
    });
  });

  it('sends filters comma-separated without spaces, and booleans as true/false', async () => {
    await client().getSessionParticipantDetails('app-1', 's-1', 'p-1', {
      filters: ['device_info', 'quality_stats', 'events'],
      include_peer_events: false,
    });
    expect(last()?.target).toBe(
      `${PREFIX}/sessions/s-1/participants/p-1?filters=device_info,quality_stats,events&include_peer_events=false`,
    );
    await client().getSessionDetails('app-1', 's-1', { include_breakout_rooms: true });
    expect(last()?.target).toBe(`${PREFIX}/sessions/s-1?include_breakout_rooms=true`);
    await client().getParticipantDataFromPeerId('app-1', 'peer-1', { filters: ['ip_information'] });
    expect(last()?.target).toBe(`${PREFIX}/sessions/peer-report/peer-1?filters=ip_information`);
  });

  it('sends every getSessionParticipants parameter', async () => {
    await client().getSessionParticipants('app-1', 's-1', {
      include_peer_events: true,
      page_no: 3,
      per_page: 10,
      search: 'Mark',
      sort_by: 'joinedAt',
      sort_order: 'ASC',
      view: 'consolidated',
    });
    expect(last()?.target).toBe(
      `${PREFIX}/sessions/s-1/participants?include_peer_events=true&page_no=3&per_page=10&search=Mark&sort_by=joinedAt&sort_order=ASC&view=consolidated`,
    );
  });
});

describe('path parameters stay in their segment', () => {
  it.each([
    ['../x', '..%2Fx'],
    ['a/b', 'a%2Fb'],
    ['a?b#c', 'a%3Fb%23c'],
    ['%2e%2e', '%252e%252e'],
    ['sès sion ☃', 's%C3%A8s%20sion%20%E2%98%83'],
  ])('%s', async (id, encoded) => {
    await client().getSessionDetails('app-1', id);
    expect(last()?.target).toBe(`${PREFIX}/sessions/${encoded}`);
  });

  it.each(['', '.', '..', 'bad\uD800'])('refuses %j before sending', async (id) => {
    const error = await client()
      .getSessionDetails('app-1', id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionsApiError);
    expect(error).toMatchObject({ kind: 'invalid_request', operation: 'getSessionDetails', status: 0 });
    expect(server.requests).toHaveLength(0);
  });

  // Regression: encodeURIComponent threw a URIError while building the URL, which was reported as a network
  // error and retried.
  it('refuses a query value with a lone surrogate before sending, without retrying', async () => {
    const attempts: string[] = [];
    const c = createSessionsClient({
      apiToken: TOKEN,
      baseUrl: server.url,
      accountId: ACCOUNT,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      middleware: [{ onRequest: ({ request }) => void attempts.push(request.url) }],
    });
    const error = await c.getSessions('app-1', { search: 'bad\uDC00' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionsApiError);
    expect(error).toMatchObject({ kind: 'invalid_request', operation: 'getSessions', status: 0 });
    expect((error as Error).message).toMatch(/query parameter search/);
    expect(attempts).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('defaults and options', () => {
  it('uses the default appId and an explicit account_id over the default', async () => {
    const c = createSessionsClient({
      apiToken: TOKEN,
      baseUrl: server.url,
      accountId: ACCOUNT,
      appId: 'app-9',
    });
    await c.getSessions(undefined, { account_id: 'other' });
    expect(last()?.target).toBe('/accounts/other/realtime/kit/app-9/sessions');
  });

  it('says which argument is missing', async () => {
    const c = createSessionsClient({ apiToken: TOKEN, baseUrl: server.url });
    await expect(c.getSessions('app-1')).rejects.toThrow(/getSessions: account_id is missing/);
    await expect(c.getSessions(undefined, { account_id: 'a' })).rejects.toThrow(/app_id is missing/);
  });

  it('falls back to CLOUDFLARE_API_TOKEN, sends extra headers, runs user middleware before auth', async () => {
    const previous = process.env.CLOUDFLARE_API_TOKEN;
    process.env.CLOUDFLARE_API_TOKEN = 'env-token';
    try {
      const seen: Array<string | null> = [];
      const c = createSessionsClient({
        baseUrl: server.url,
        accountId: ACCOUNT,
        headers: { 'x-team': 'analytics' },
        middleware: [{ onRequest: ({ request }) => void seen.push(request.headers.get('authorization')) }],
      });
      await c.getSessions('app-1', {}, { headers: { prefer: 'code=200' } });
      expect(last()?.headers).toMatchObject({
        authorization: 'Bearer env-token',
        'x-team': 'analytics',
        prefer: 'code=200',
      });
      expect(seen).toEqual([null]);
    } finally {
      if (previous === undefined) delete process.env.CLOUDFLARE_API_TOKEN;
      else process.env.CLOUDFLARE_API_TOKEN = previous;
    }
  });

  it('sends no Authorization header without a token', async () => {
    const previous = process.env.CLOUDFLARE_API_TOKEN;
    delete process.env.CLOUDFLARE_API_TOKEN;
    try {
      await createSessionsClient({ baseUrl: server.url, accountId: ACCOUNT }).getSessions('app-1');
      expect(last()?.headers.authorization).toBeUndefined();
    } finally {
      if (previous !== undefined) process.env.CLOUDFLARE_API_TOKEN = previous;
    }
  });

  it('exposes the raw typed openapi-fetch client with auth applied', async () => {
    const { data, response } = await client().raw.GET(
      '/accounts/{account_id}/realtime/kit/{app_id}/sessions',
      {
        params: { path: { account_id: ACCOUNT, app_id: 'app-1' }, query: { status: 'LIVE' } },
      },
    );
    expect(response.status).toBe(200);
    expect(data).toEqual({ success: true, data: {} });
    expect(last()?.target).toBe(`${PREFIX}/sessions?status=LIVE`);
    expect(last()?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('rejects a non-positive timeout and a negative retry setting at creation', () => {
    expect(() => createSessionsClient({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createSessionsClient({ retry: { baseDelayMs: -1 } })).toThrow(RangeError);
    // setTimeout would fire at once for anything above 2^31-1 ms.
    expect(() => createSessionsClient({ timeoutMs: 2 ** 31 })).toThrow(RangeError);
    expect(() => createSessionsClient({ retry: { maxRetryAfterMs: 2 ** 31 } })).toThrow(RangeError);
  });
});
