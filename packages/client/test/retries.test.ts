import { describe, expect, it } from 'vitest';
import { createSessionsClient, type SessionsClientOptions } from '../src/index.js';
import { parseRetryAfter } from '../src/retry.js';
import { ERROR_BODY, json, resetMidBody, sequence, text, useTestServer } from './support/server.js';

const OK = json(200, { success: true, data: { sessions: [] } });
const server = useTestServer();

const client = (options: SessionsClientOptions = {}) =>
  createSessionsClient({
    apiToken: 't',
    baseUrl: server.url,
    accountId: 'acc',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });

describe('retries', () => {
  it.each([429, 500, 502, 503, 504])('retries a GET after %i and succeeds', async (status) => {
    server.handle(sequence(json(status, ERROR_BODY(10000, 'try again')), OK));
    await expect(client().getSessions('app')).resolves.toEqual({ success: true, data: { sessions: [] } });
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    server.handle(json(status, ERROR_BODY(7000, 'no')));
    await expect(client().getSessions('app')).rejects.toMatchObject({ status, kind: 'http' });
    expect(server.requests).toHaveLength(1);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    server.handle(json(503, ERROR_BODY(10043, 'overloaded')));
    await expect(
      client({ retry: { maxAttempts: 4, baseDelayMs: 1 } }).getSessions('app'),
    ).rejects.toMatchObject({
      status: 503,
      code: 10043,
    });
    expect(server.requests).toHaveLength(4);
  });

  it('retry: false sends exactly once, per client or per call', async () => {
    server.handle(json(500, ERROR_BODY(1, 'x')));
    await expect(client({ retry: false }).getSessions('app')).rejects.toMatchObject({ status: 500 });
    await expect(client().getSessions('app', {}, { retry: false })).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After in seconds', async () => {
    server.handle(sequence(json(429, ERROR_BODY(971, 'slow down'), { 'retry-after': '1' }), OK));
    const started = performance.now();
    await client({ retry: { baseDelayMs: 1, maxDelayMs: 1 } }).getSessions('app');
    // The backoff alone would wait at most 1 ms; only Retry-After explains a wait of about a second.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs and reports it', async () => {
    server.handle(json(429, ERROR_BODY(971, 'later'), { 'retry-after': '3600' }));
    await expect(client().getSessions('app')).rejects.toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET after a connection reset mid-body', async () => {
    server.handle(sequence(resetMidBody(), OK));
    await expect(client().getSessions('app')).resolves.toMatchObject({ success: true });
    expect(server.requests).toHaveLength(2);
  });

  it('retries the POST after a 429 but never after a 5xx or a reset', async () => {
    server.handle(
      sequence(json(429, ERROR_BODY(971, 'slow down'), { 'retry-after': '0' }), json(200, { success: true })),
    );
    await expect(client().generateSummaryOfTranscripts('app', 's')).resolves.toEqual({ success: true });
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.handle(json(503, ERROR_BODY(1, 'down')));
    await expect(client().generateSummaryOfTranscripts('app', 's')).rejects.toMatchObject({ status: 503 });
    server.handle(resetMidBody());
    await expect(client().generateSummaryOfTranscripts('app', 's')).rejects.toMatchObject({
      kind: 'network',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('retries after an HTML 502 from a proxy', async () => {
    server.handle(sequence(text(502, '<html><body>Bad gateway</body></html>', 'text/html'), OK));
    await expect(client().getSessions('app')).resolves.toMatchObject({ success: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
