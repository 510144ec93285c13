import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSessionsClient, SessionsApiError } from '../src/index.js';
import { ERROR_BODY, json, resetMidBody, startServer, text, useTestServer } from './support/server.js';

const TOKEN = 'sekret-token-4242';
const server = useTestServer();

const client = () =>
  createSessionsClient({ apiToken: TOKEN, baseUrl: server.url, accountId: 'acc', retry: false });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(SessionsApiError);
      return e as SessionsApiError;
    },
  );

describe('error mapping', () => {
  it('maps the documented JSON error body', async () => {
    server.handle(
      json(404, ERROR_BODY(7003, 'Could not route to /sessions/x'), {
        'cf-ray': '8c0f1a2b3c4d5e6f-AMS',
      }),
    );
    const error = await failure(client().getSessionDetails('app', 'x'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 404,
      code: 7003,
      errors: [{ code: 7003, message: 'Could not route to /sessions/x' }],
      requestId: '8c0f1a2b3c4d5e6f-AMS',
      operation: 'getSessionDetails',
    });
    expect(error.message).toBe(
      'getSessionDetails failed with 404 Not Found: [7003] Could not route to /sessions/x',
    );
  });

  it('maps an HTML 502 page', async () => {
    server.handle(text(502, '<html><h1>502 Bad Gateway</h1></html>', 'text/html'));
    const error = await failure(client().getSessions('app'));
    expect(error).toMatchObject({ kind: 'http', status: 502, code: undefined, errors: [] });
    expect(error.message).toMatch(/502 Bad Gateway: non-JSON body \(text\/html/);
    expect(error.body).toBe('<html><h1>502 Bad Gateway</h1></html>');
  });

  it('maps a truncated JSON success body', async () => {
    server.handle(text(200, '{"success":true,"data":{"sessions":[{"id":', 'application/json'));
    const error = await failure(client().getSessions('app'));
    // Regression: the status was 0 ("no response") because openapi-fetch's SyntaxError lost the response.
    expect(error).toMatchObject({ kind: 'invalid_response', operation: 'getSessions', status: 200 });
  });

  it('maps a 200 HTML page', async () => {
    server.handle(text(200, '<!doctype html><title>captive portal</title>', 'text/html'));
    await expect(failure(client().getSessions('app'))).resolves.toMatchObject({ kind: 'invalid_response' });
  });

  it('maps a JSON body that is not an object', async () => {
    server.handle(json(200, [1, 2]));
    await expect(failure(client().getSessions('app'))).resolves.toMatchObject({ kind: 'invalid_response' });
  });

  it('maps an empty 2xx body of a GET, but accepts one for the POST', async () => {
    server.handle(text(200, '', 'application/json'));
    await expect(failure(client().getSessions('app'))).resolves.toMatchObject({
      kind: 'invalid_response',
      status: 200,
      message: 'getSessions: expected a JSON object, got an empty body',
    });
    await expect(client().generateSummaryOfTranscripts('app', 's')).resolves.toBeUndefined();
  });

  it('maps an empty error body', async () => {
    server.handle(text(500, ''));
    const error = await failure(client().getSessions('app'));
    expect(error).toMatchObject({ kind: 'http', status: 500 });
  });

  // Regression: String()/Number() of a deeply nested `errors[].message` and JSON.stringify of a deeply nested
  // body (while redacting the token) overflowed the stack: a 404 became a retried "network" error, and a 500
  // rejected with a RangeError instead of a SessionsApiError.
  it('maps error bodies nested too deeply to serialize', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    server.handle(text(404, `{"errors":[{"code":${deep},"message":${deep}}]}`, 'application/json'));
    const notFound = await failure(client().getSessionDetails('app', 'x'));
    expect(notFound).toMatchObject({
      kind: 'http',
      status: 404,
      code: 0,
      errors: [{ code: 0, message: '' }],
    });
    expect(server.requests).toHaveLength(1);

    server.handle(text(500, deep, 'application/json'));
    const serverError = await failure(client().getSessions('app'));
    expect(serverError).toMatchObject({ kind: 'http', status: 500, body: undefined });
    expect(() => JSON.stringify(serverError)).not.toThrow();
  });

  it('reads only primitive error codes and messages', async () => {
    server.handle(
      json(400, {
        errors: [
          { code: '7003', message: 42 },
          { code: { n: 1 }, message: { text: 'x' } },
        ],
      }),
    );
    const error = await failure(client().getSessions('app'));
    expect(error.errors).toEqual([
      { code: 7003, message: '42' },
      { code: 0, message: '' },
    ]);
  });

  it('maps a connection reset', async () => {
    server.handle(resetMidBody());
    await expect(failure(client().getSessions('app'))).resolves.toMatchObject({ kind: 'network', status: 0 });
  });

  it('maps a refused connection', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const c = createSessionsClient({ apiToken: TOKEN, baseUrl: url, accountId: 'acc', retry: false });
    const error = await failure(c.getSessions('app'));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe('the token never leaks', () => {
  it('is scrubbed from messages and bodies even when the server echoes it', async () => {
    server.handle((req, res) => {
      const auth = req.headers.authorization ?? '';
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ERROR_BODY(10000, `Invalid token: ${auth}`)));
    });
    const error = await failure(client().getSessions('app'));
    expect(error.message).toContain('[REDACTED]');
    for (const rendered of [
      error.message,
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
    ]) {
      expect(rendered).not.toContain(TOKEN);
    }
    expect(JSON.stringify(error.body)).not.toContain(TOKEN);
  });

  it('is not reachable from the client object', () => {
    const c = client();
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(Object.keys(c))).not.toContain(TOKEN);
    expect(String(c)).not.toContain(TOKEN);
  });

  it('is not in network, timeout or abort errors', async () => {
    server.handle(resetMidBody());
    const errors = [await failure(client().getSessions('app'))];
    server.handle(() => undefined);
    errors.push(await failure(client().getSessions('app', {}, { timeoutMs: 50 })));
    errors.push(await failure(client().getSessions('app', {}, { signal: AbortSignal.abort() })));
    for (const error of errors) expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN);
  });
});
