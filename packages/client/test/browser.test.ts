import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ERROR_BODY, useTestServer } from './support/server.js';

// The client must run wherever `fetch` exists. This bundles the built package for the browser (as a user's
// bundler would) and runs it in headless Debian Chromium against the same local server as the Node tests.
const server = useTestServer();
let browser: Browser;
let bundle = '';

beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: "export { createSessionsClient, SessionsApiError } from '@rtk-sessions/client';",
      resolveDir: new URL('..', import.meta.url).pathname,
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  bundle = result.outputFiles[0]?.text ?? '';
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'],
  });
});
afterAll(() => browser?.close());

it('lists, pages and maps errors in a browser', async () => {
  server.handle((req, res) => {
    const url = new URL(req.url ?? '/', server.url);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<!doctype html><title>client</title>');
    }
    if (url.pathname === '/client.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return void res.end(bundle);
    }
    if (url.pathname.endsWith('/sessions/missing')) {
      res.writeHead(404, { 'content-type': 'application/json', 'cf-ray': 'abc-AMS' });
      return void res.end(JSON.stringify(ERROR_BODY(7003, 'no such session')));
    }
    const page = Number(url.searchParams.get('page_no') ?? 1);
    const sessions = page <= 2 ? [{ id: `s-${page}-a` }, { id: `s-${page}-b` }] : [];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, data: { sessions } }));
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  const result = await page.evaluate(async () => {
    // Built with new Function so that vitest's transform does not rewrite this import() meant for the page.
    const load = new Function('url', 'return import(url)') as (
      url: string,
    ) => Promise<Record<string, unknown>>;
    const { createSessionsClient, SessionsApiError } = (await load('/client.js')) as {
      createSessionsClient: typeof import('../src/index.js').createSessionsClient;
      SessionsApiError: typeof import('../src/index.js').SessionsApiError;
    };
    const client = createSessionsClient({
      apiToken: 'browser-token',
      baseUrl: location.origin,
      accountId: 'acc',
    });
    const ids: string[] = [];
    for await (const session of client.iterateSessions('app', { per_page: 2 })) ids.push(session.id);
    const failure = await client.getSessionDetails('app', 'missing').catch((e: unknown) => e);
    return {
      ids,
      isTyped: failure instanceof SessionsApiError,
      failure:
        failure instanceof SessionsApiError
          ? { status: failure.status, code: failure.code, requestId: failure.requestId }
          : null,
    };
  });
  expect(errors).toEqual([]);
  expect(result).toEqual({
    ids: ['s-1-a', 's-1-b', 's-2-a', 's-2-b'],
    isTyped: true,
    failure: { status: 404, code: 7003, requestId: 'abc-AMS' },
  });
  const apiCalls = server.requests.filter((r) => r.target.startsWith('/accounts/'));
  expect(apiCalls.map((r) => r.headers.authorization)).toEqual(Array(4).fill('Bearer browser-token'));
});
