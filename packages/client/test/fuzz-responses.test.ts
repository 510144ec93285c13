import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSessionsClient, SessionsApiError } from '../src/index.js';
import { type ResponseCase, responseCaseArbitrary } from './support/arbitraries.js';
import { checkProperty, watchUnhandledRejections } from './support/fuzz.js';
import { callOperation, OPERATIONS } from './support/operations.js';
import { startServer, type TestServer } from './support/server.js';

const IDS = { account_id: 'acc', app_id: 'app', session_id: 's', participant_id: 'p', peer_id: 'peer' };

let server: TestServer;
let current: ResponseCase | undefined;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    if (!current) throw new Error('no response case');
    const { status, headers, body, chunked } = current;
    res.writeHead(status, headers);
    if (chunked && body.length > 0) {
      res.write(body.subarray(0, body.length >> 1));
      res.end(body.subarray(body.length >> 1));
    } else res.end(body);
  });
});
afterAll(() => server.close());

/** Statuses that carry no content (RFC 9110): whatever the handler writes, the client gets no body. */
const BODYLESS = new Set([204, 205, 304]);

function parsedObject(response: ResponseCase): object | undefined {
  if (response.shape !== 'json') return undefined;
  const value: unknown = JSON.parse(new TextDecoder().decode(response.body));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

it('any response settles with data or a SessionsApiError, never anything else', async () => {
  // Retries on (two attempts) so the retry paths see the garbage too; Retry-After above 50 ms is not waited for.
  const client = createSessionsClient({
    apiToken: 'fuzz-token',
    baseUrl: server.url,
    timeoutMs: 10_000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 50 },
  });
  const rejections = watchUnhandledRejections();
  const outcomes = new Map<string, number>();
  const shapes = new Map<string, number>();
  try {
    await checkProperty(
      'response bodies',
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), responseCaseArbitrary, async (operation, response) => {
        current = response;
        shapes.set(response.shape, (shapes.get(response.shape) ?? 0) + 1);
        let data: unknown;
        let failure: unknown;
        try {
          data = await callOperation(client, operation, IDS, {});
        } catch (error) {
          failure = error;
        }
        const ok = response.status >= 200 && response.status < 300;
        if (failure === undefined) {
          outcomes.set('data', (outcomes.get('data') ?? 0) + 1);
          expect(ok).toBe(true);
          expect(
            data === undefined || (typeof data === 'object' && data !== null && !Array.isArray(data)),
          ).toBe(true);
          const expected = BODYLESS.has(response.status) ? undefined : parsedObject(response);
          if (expected) expect(data).toEqual(expected);
          return;
        }
        expect(failure).toBeInstanceOf(SessionsApiError);
        const error = failure as SessionsApiError;
        outcomes.set(error.kind, (outcomes.get(error.kind) ?? 0) + 1);
        if (ok) expect(error).toMatchObject({ kind: 'invalid_response', status: response.status });
        else expect(error).toMatchObject({ kind: 'http', status: response.status });
        expect(() => JSON.stringify(error)).not.toThrow();
      }),
      1_000,
    );
  } finally {
    rejections.stop();
  }
  console.log(`[fuzz] response bodies: shapes ${JSON.stringify(Object.fromEntries(shapes))}`);
  console.log(`[fuzz] response bodies: outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
  expect(rejections.seen).toEqual([]);
}, 120_000);
