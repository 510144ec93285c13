import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSessionsClient } from '../src/index.js';
import { idArbitrary, isSendableId } from './support/arbitraries.js';
import { checkProperty, expectRefusedBeforeSending, watchUnhandledRejections } from './support/fuzz.js';
import { callOperation, type Ids, OPERATIONS } from './support/operations.js';
import { json, startServer, type TestServer } from './support/server.js';

const BASE_PATH = '/client/v4';
const PATH_IDS = ['account_id', 'app_id', 'session_id', 'participant_id', 'peer_id'] as const;

let server: TestServer;
beforeAll(async () => {
  server = await startServer(json(200, { success: true, data: {} }));
});
afterAll(() => server.close());

const idsArbitrary: fc.Arbitrary<Ids> = fc.record(
  Object.fromEntries(PATH_IDS.map((name) => [name, idArbitrary])) as Record<string, fc.Arbitrary<string>>,
);

it('every id stays in its own path segment on our host, or the call is refused before sending', async () => {
  const client = createSessionsClient({ apiToken: 't', baseUrl: `${server.url}${BASE_PATH}`, retry: false });
  const host = new URL(server.url).host;
  const rejections = watchUnhandledRejections();
  let refused = 0;
  try {
    await checkProperty(
      'path ids',
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), idsArbitrary, async (operation, ids) => {
        const used = ['account_id', 'app_id', ...operation.idParams];
        const sendable = used.every((name) => isSendableId(ids[name] ?? ''));
        const before = server.requests.length;
        const outcome = await callOperation(client, operation, ids, {}).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (!sendable) {
          refused++;
          expectRefusedBeforeSending(outcome, before, server.requests.length);
          return;
        }
        expect(outcome).toBeUndefined();
        expect(server.requests.length).toBe(before + 1);
        const request = server.requests.at(-1);
        expect(request?.method).toBe(operation.method);
        expect(request?.headers.host).toBe(host);
        const segments = (request?.target ?? '').split('?')[0]?.split('/') ?? [];
        const template = `${BASE_PATH}${operation.template}`.split('/');
        expect(segments).toHaveLength(template.length);
        template.forEach((part, index) => {
          const name = /^\{(\w+)\}$/.exec(part)?.[1];
          const segment = segments[index] ?? '';
          if (name) expect(decodeURIComponent(segment)).toBe(ids[name]);
          else expect(segment).toBe(part);
        });
      }),
      2_000,
    );
  } finally {
    rejections.stop();
  }
  console.log(`[fuzz] path ids: ${refused} calls refused before sending`);
  expect(refused).toBeGreaterThan(0);
  expect(rejections.seen).toEqual([]);
});
