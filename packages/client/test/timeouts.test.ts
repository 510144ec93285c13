import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSessionsClient } from '../src/index.js';
import { hang, json, sequence, startServer, type TestServer } from './support/server.js';

let server: TestServer;
let closedSockets = 0;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  closedSockets = 0;
});

/** Never answers, and counts the sockets the client closes on us. */
const hangAndCount = () => {
  const inner = hang();
  return sequence((req, res, i) => {
    req.socket.once('close', () => closedSockets++);
    return inner(req, res, i);
  });
};

const client = (timeoutMs: number) =>
  createSessionsClient({ apiToken: 't', baseUrl: server.url, accountId: 'acc', timeoutMs, retry: false });

describe('timeouts', () => {
  it('ends a request that takes longer than timeoutMs and closes its connection', async () => {
    server.handle(hangAndCount());
    await expect(client(100).getSessions('app')).rejects.toMatchObject({ kind: 'timeout', status: 0 });
    await expect.poll(() => closedSockets).toBe(1);
  });

  it('also bounds a body that stalls after the headers', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"success":');
    });
    await expect(client(100).getSessions('app')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('retries a timed-out GET within the retry policy', async () => {
    server.handle(sequence(hang(), json(200, { success: true })));
    const c = createSessionsClient({
      apiToken: 't',
      baseUrl: server.url,
      accountId: 'acc',
      // Generous: the second attempt must succeed even on a machine busy with other suites.
      timeoutMs: 1000,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    await expect(c.getSessions('app')).resolves.toEqual({ success: true });
    expect(server.requests).toHaveLength(2);
  });

  it('a per-call timeout overrides the client one', async () => {
    server.handle(hang());
    await expect(client(60_000).getSessions('app', {}, { timeoutMs: 50 })).rejects.toMatchObject({
      kind: 'timeout',
    });
  });
});

describe('abort', () => {
  it('an already aborted signal sends nothing', async () => {
    await expect(client(1000).getSessions('app', {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('aborting mid-request ends it and closes the connection', async () => {
    server.handle(hangAndCount());
    const controller = new AbortController();
    const pending = client(60_000).getSessions('app', {}, { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    await expect.poll(() => closedSockets).toBe(1);
  });

  it('aborting during a retry wait stops at once', async () => {
    server.handle(json(503, {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    const c = createSessionsClient({ apiToken: 't', baseUrl: server.url, accountId: 'acc' });
    const pending = c.getSessions('app', {}, { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });
});
