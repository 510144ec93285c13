import { createSessionsClient, SessionsApiError } from '@rtk-sessions/client';
import { beforeAll, describe, expect, test } from 'vitest';
import { ConformanceChecker, type ConformanceTarget } from '../src/conformance.js';
import { recordCoverage } from '../src/coverage.js';
import { contractTarget } from '../src/harness.js';
import { invokerFor, type QueryValues } from '../src/invokers.js';
import { createRecorder } from '../src/recorder.js';
import { errorStatuses, isObject, loadSpec, type OperationSpec, resolveSchema } from '../src/spec.js';
import { isRealServer, MOCK_ONLY_REASON } from '../src/target.js';

const spec = loadSpec();
const byOperation = spec.operations.map((operation) => [operation.operationId, operation] as const);
const checker = new ConformanceChecker(spec);
let target: ConformanceTarget;

beforeAll(async () => {
  target = await contractTarget();
});

/** Calls an operation through a fresh client (no retries) and returns the SessionsApiError it must throw. */
async function expectApiError(
  operationId: string,
  call: { query?: QueryValues; headers?: Record<string, string>; apiToken?: string; baseUrl?: string },
) {
  const recorder = createRecorder();
  const client = createSessionsClient({
    baseUrl: call.baseUrl ?? target.baseUrl,
    apiToken: call.apiToken ?? target.apiToken,
    retry: false,
    fetch: recorder.fetch,
  });
  const options = { retry: false as const, ...(call.headers ? { headers: call.headers } : {}) };
  const outcome = await invokerFor(operationId)(client, target.ids, call.query ?? {}, options).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome))
    throw new Error(`${operationId} resolved instead of throwing: ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(SessionsApiError);
  const exchange = recorder.last();
  if (exchange === undefined) throw new Error('no request was sent');
  return { error: outcome.error as SessionsApiError, exchange };
}

/** The documented example body of an error status: what Prism must answer and the client must parse. */
function documentedErrorExample(
  operation: OperationSpec,
  status: number,
): { code: number; message: string }[] {
  const response = operation.responses.find((r) => r.status === String(status));
  const example = response?.example;
  if (!isObject(example) || !Array.isArray(example.errors)) {
    throw new Error(`${operation.operationId} ${status}: the spec documents no example with an errors list`);
  }
  return example.errors as { code: number; message: string }[];
}

/**
 * Prism answers an invalid request with the operation's documented 422, else its documented 400 (with that
 * response's example), else its own 422 problem document. The spec decides which.
 */
function invalidRequestStatus(operation: OperationSpec): number {
  const documented = errorStatuses(operation);
  return documented.includes(422) ? 422 : documented.includes(400) ? 400 : 422;
}

type Scalar = { type?: unknown; format?: unknown; enum?: unknown };

function queryParametersWhere(predicate: (schema: Scalar) => boolean) {
  return spec.operations.flatMap((operation) =>
    operation.parameters
      .filter((p) => p.in === 'query')
      .filter((p) => {
        const schema = resolveSchema(spec.document, p.schema);
        const items = isObject(schema.items) ? resolveSchema(spec.document, schema.items) : undefined;
        return predicate(schema) || (items !== undefined && predicate(items));
      })
      .map((parameter) => ({
        operation,
        parameter: parameter.name,
        label: `${operation.operationId}.${parameter.name}`,
      })),
  );
}

describe('authentication', () => {
  test.for(byOperation)('%s without a token is refused with 401', async ([, operation], { task }) => {
    const { error, exchange } = await expectApiError(operation.operationId, { apiToken: '' });
    expect(exchange.requestHeaders.has('authorization')).toBe(false);
    expect(error.kind).toBe('http');
    if (isRealServer) {
      // Cloudflare may answer a missing token with 400 or 403; it must be a documented status and envelope.
      expect(errorStatuses(operation)).toContain(error.status);
    } else {
      expect(error.status).toBe(401);
      expect(error.errors).toEqual(documentedErrorExample(operation, 401));
      expect(error.code).toBe(documentedErrorExample(operation, 401)[0]?.code);
    }
    expect(error.errors.length).toBeGreaterThan(0);
    expect(error.operation).toBe(operation.operationId);
    recordCoverage(task, { operationId: operation.operationId, kind: 'negative' });
  });
});

describe('routing', () => {
  test.for(byOperation)('%s on an unknown route is a 404 SessionsApiError', async ([, operation]) => {
    const { error, exchange } = await expectApiError(operation.operationId, {
      baseUrl: `${target.baseUrl}/no-such-prefix`,
    });
    expect(exchange.url.pathname).toContain('/no-such-prefix/accounts/');
    if (isRealServer) expect(error.status).toBeGreaterThanOrEqual(400);
    else expect(error.status).toBe(404);
    expect(error.kind).toBe('http');
    expect(error.operation).toBe(operation.operationId);
  });
});

describe.skipIf(isRealServer)(
  isRealServer ? `request validation (skipped: ${MOCK_ONLY_REASON})` : 'request validation by Prism',
  () => {
    const enumParameters = queryParametersWhere((s) => Array.isArray(s.enum));
    const dateTimeParameters = queryParametersWhere((s) => s.format === 'date-time');
    const integerParameters = queryParametersWhere((s) => s.type === 'integer');

    // The table is generated from the spec; these guard against it silently becoming empty.
    test('the spec has enum, date-time and integer query parameters to reject', () => {
      expect(enumParameters.length).toBeGreaterThan(0);
      expect(dateTimeParameters.map((p) => p.parameter)).toEqual(
        expect.arrayContaining(['start_time', 'end_time']),
      );
      expect(integerParameters.map((p) => p.parameter)).toContain('page_no');
    });

    const badValues = [
      ...enumParameters.map((p) => ({
        ...p,
        value: 'not-a-documented-value',
        what: 'an unknown enum value',
      })),
      ...dateTimeParameters.map((p) => ({ ...p, value: 'yesterday-ish', what: 'a malformed date-time' })),
      ...integerParameters.map((p) => ({ ...p, value: '2.5x', what: 'a non-integer' })),
    ];

    test.for(badValues.map((bad) => [`${bad.label} with ${bad.what}`, bad] as const))(
      '%s is rejected before reaching the handler',
      async ([, bad], { task }) => {
        const { error, exchange } = await expectApiError(bad.operation.operationId, {
          query: { [bad.parameter]: bad.value },
        });
        // Sent as given (the typed client would not let us, hence the untyped query), ...
        expect(exchange.url.searchParams.get(bad.parameter)).toBe(bad.value);
        // ... refused by Prism's request validation, which names the parameter ...
        expect(exchange.headers.get('sl-violations') ?? '').toContain(`"query","${bad.parameter}"`);
        // ... and parsed by the client into a SessionsApiError.
        const status = invalidRequestStatus(bad.operation);
        expect(error.status).toBe(status);
        expect(error.kind).toBe('http');
        if (status === 422 && !errorStatuses(bad.operation).includes(422)) {
          expect(JSON.stringify(error.body)).toContain(bad.parameter);
        } else {
          expect(error.errors).toEqual(documentedErrorExample(bad.operation, status));
        }
        recordCoverage(task, { operationId: bad.operation.operationId, kind: 'negative' });
      },
    );
  },
);

describe.skipIf(isRealServer)(
  isRealServer
    ? `documented error responses (skipped: ${MOCK_ONLY_REASON})`
    : 'documented error responses (Prefer: code=N)',
  () => {
    const cases = spec.operations.flatMap((operation) =>
      errorStatuses(operation).map((status) => ({
        operation,
        status,
        label: `${operation.operationId} ${status}`,
      })),
    );

    test.for(cases.map((c) => [c.label, c] as const))(
      '%s comes back parsed into the documented error shape',
      async ([, { operation, status }], { task }) => {
        const { error, exchange } = await expectApiError(operation.operationId, {
          headers: { Prefer: `code=${status}` },
        });
        expect(exchange.requestHeaders.get('prefer')).toBe(`code=${status}`);
        expect(exchange.status).toBe(status);
        expect(error.status).toBe(status);
        expect(error.kind).toBe('http');
        const documented = documentedErrorExample(operation, status);
        expect(error.errors).toEqual(documented);
        expect(error.code).toBe(documented[0]?.code);
        expect(error.message).toContain(String(status));
        // The error body itself conforms to the documented error schema (checked by ajv, not Prism).
        const validate = checker.validators.forResponse(operation.operationId, String(status));
        expect(validate(error.body)).toEqual([]);
        expect(exchange.headers.get('sl-violations')).toBeNull();
        if (status === 429) {
          const documentedHeaders = operation.responses.find((r) => r.status === '429')?.headers ?? [];
          expect(documentedHeaders).toContain('retry-after');
          expect(exchange.headers.get('retry-after')).toMatch(/^\d+$/);
          expect(error.retryAfterMs).toBe(Number(exchange.headers.get('retry-after')) * 1000);
        }
        recordCoverage(task, { operationId: operation.operationId, kind: 'error', status });
      },
    );
  },
);
