import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ERROR_BODY, hang, json, startServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res, index) => {
    if (req.url?.includes('/slow')) return hang()(req, res, index);
    if (req.url?.includes('/missing')) return json(404, ERROR_BODY(7003, 'no such session'))(req, res, index);
    if (req.url?.includes('/busy')) return json(503, ERROR_BODY(1, 'busy'))(req, res, index);
    return json(200, { success: true, data: { sessions: [] } })(req, res, index);
  });
});
afterAll(() => server.close());

// The child uses the built package the way a user would, with the default 30 s timeout on its successful
// calls: a timer or socket left behind by any call would keep it alive long after its last line.
const CHILD = `
import { createSessionsClient } from '@rtk-sessions/client';
const client = createSessionsClient({ apiToken: 't', baseUrl: process.argv[1], accountId: 'acc',
  retry: { maxAttempts: 2, baseDelayMs: 1 } });
await client.getSessions('app');
await client.getSessionDetails('app', 'missing').catch(() => {});
await client.getSessionDetails('app', 'busy').catch(() => {});
await client.getSessionDetails('app', 'slow', {}, { timeoutMs: 100 }).catch(() => {});
const controller = new AbortController();
const pending = client.getSessionDetails('app', 'slow', {}, { signal: controller.signal }).catch(() => {});
setTimeout(() => controller.abort(), 50);
await pending;
for await (const _ of client.iterateSessions('app')) {}
console.log('done');
`;

it('a process that used the client exits by itself, with no open handles', async () => {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, server.url], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(killer);
  expect(signal, 'the child had to be killed: something kept it alive').toBeNull();
  expect(code).toBe(0);
  expect(output.trim()).toBe('done');
});

it('creating a client does not load the fetch implementation (a ~20 ms import cost in Node)', () => {
  // Reading globalThis.Request is what makes Node load undici; the client must defer it to the first request.
  const probe = `
    let touched = false;
    const real = Object.getOwnPropertyDescriptor(globalThis, 'Request');
    Object.defineProperty(globalThis, 'Request', { configurable: true, get() { touched = true; return real.get ? real.get() : real.value; } });
    const { createSessionsClient } = await import('@rtk-sessions/client');
    createSessionsClient({ apiToken: 't' });
    console.log(touched ? 'touched' : 'untouched');
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  expect(output.trim()).toBe('untouched');
});
