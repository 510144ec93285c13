import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PrismHandle, startPrism } from '@rtk-sessions/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ConformanceChecker, type ConformanceTarget } from '../src/conformance.js';
import { MOCK_TOKEN } from '../src/harness.js';
import { bundledSpecPath, isObject, loadSpec, operationById, successResponse } from '../src/spec.js';
import { MOCK_IDS } from '../src/target.js';

const spec = loadSpec();
const checker = new ConformanceChecker(spec);
const operation = operationById(spec, 'getSessionDetails');
const documentedExample = successResponse(operation).example;

/** A deep copy of the spec's own getSessionDetails example, which the next test then breaks. */
function conformingBody(): { data: { session: Record<string, unknown> } } {
  if (
    !isObject(documentedExample) ||
    !isObject(documentedExample.data) ||
    !isObject(documentedExample.data.session)
  ) {
    throw new Error('the spec has no getSessionDetails 200 example with data.session to start from');
  }
  return structuredClone(documentedExample) as { data: { session: Record<string, unknown> } };
}

/** A stand-in for a real server: answers getSessionDetails with whatever body the test sets. */
let upstreamBody: unknown;
let upstreamHits = 0;
const upstream: Server = createServer((request, response) => {
  const matches =
    request.method === 'GET' && /\/sessions\/[^/]+$/.test(new URL(request.url ?? '/', 'http://x').pathname);
  if (matches) upstreamHits++;
  response.writeHead(matches ? 200 : 404, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify(
      matches ? upstreamBody : { success: false, errors: [{ code: 7003, message: 'No route' }] },
    ),
  );
});

let proxy: PrismHandle | undefined;
let viaProxy: ConformanceTarget;
let direct: ConformanceTarget;

beforeAll(async () => {
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await startPrism({ spec: bundledSpecPath, mode: 'proxy', upstream: upstreamUrl, errors: true });
  viaProxy = { baseUrl: proxy.url, apiToken: MOCK_TOKEN, ids: MOCK_IDS };
  direct = { baseUrl: upstreamUrl, apiToken: MOCK_TOKEN, ids: MOCK_IDS };
});

afterAll(async () => {
  await proxy?.stop();
  upstream.close();
});

beforeEach(() => {
  upstreamHits = 0;
});

const call = { operationId: 'getSessionDetails' };

describe('the check catches a non-conforming server (Prism proxy --errors in front of a local upstream)', () => {
  test('a server answering with the documented example passes', async () => {
    upstreamBody = conformingBody();
    await checker.expectConforms(viaProxy, call);
    expect(upstreamHits).toBe(1);
  });

  test('a missing required data.session.status fails, naming the field', async () => {
    const body = conformingBody();
    delete body.data.session.status;
    upstreamBody = body;
    const failure = checker.expectConforms(viaProxy, call);
    await expect(failure).rejects.toThrow(/getSessionDetails .*does not conform/);
    // Prism's response validation, relayed by the check from the 500 it answers with under --errors.
    await expect(failure).rejects.toThrow(
      "Prism: response.body.data.session: Response body property data.session must have required property 'status'",
    );
    expect(upstreamHits).toBe(1);
  });

  test('an undocumented enum value data.session.type "webinar" fails, naming the field', async () => {
    const body = conformingBody();
    body.data.session.type = 'webinar';
    upstreamBody = body;
    const failure = checker.expectConforms(viaProxy, call);
    await expect(failure).rejects.toThrow(
      'Prism: response.body.data.session.type: Response body property data.session.type must be equal to one of the allowed values: meeting, livestream, participant',
    );
  });
});

describe('the check catches it without Prism too (ajv on the raw body)', () => {
  test('a missing required data.session.status is reported at /data/session/status', async () => {
    const body = conformingBody();
    delete body.data.session.status;
    upstreamBody = body;
    await expect(checker.expectConforms(direct, call)).rejects.toThrow(
      'schema: /data/session/status: required field is missing',
    );
  });

  test('"webinar" is reported at /data/session/type with the allowed values', async () => {
    const body = conformingBody();
    body.data.session.type = 'webinar';
    upstreamBody = body;
    await expect(checker.expectConforms(direct, call)).rejects.toThrow(
      'schema: /data/session/type: must be equal to one of the allowed values: "meeting", "livestream", "participant"',
    );
  });
});
