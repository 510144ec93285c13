import { isDeepStrictEqual } from 'node:util';
import { createSessionsClient, SessionsApiError } from '@rtk-sessions/client';
import { type CallOptions, invokerFor, type QueryValues } from './invokers.js';
import { createRecorder, type Exchange, parseJson } from './recorder.js';
import { type LoadedSpec, loadSpec, type OperationSpec, operationById } from './spec.js';
import type { PathIds } from './target.js';
import { ResponseValidators } from './validators.js';

/** A server to check: its origin (Prism's, or a real API base URL), a token and ids that route. */
export interface ConformanceTarget {
  baseUrl: string;
  apiToken: string;
  ids: PathIds;
}

export interface OperationCall {
  operationId: string;
  query?: QueryValues;
  headers?: Record<string, string>;
}

export interface ConformanceResult {
  operationId: string;
  /** What the client resolved with (undefined when it threw). */
  value?: unknown;
  error?: unknown;
  exchange?: Exchange;
  /** Every way the exchange breaks the contract; empty when it conforms. */
  problems: string[];
}

export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

interface PrismViolation {
  location?: unknown;
  message?: unknown;
  severity?: unknown;
}

/** Prism's `sl-violations` header / `validation` list entries, as `response.body.data.session: message`. */
function describePrismViolations(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return (raw as PrismViolation[]).map((v) => {
    const location = Array.isArray(v.location) ? v.location.join('.') : '(unknown location)';
    return `${location}: ${String(v.message)}${v.severity === undefined ? '' : ` [${String(v.severity)}]`}`;
  });
}

function violationsHeader(exchange: Exchange): string[] {
  const header = exchange.headers.get('sl-violations');
  if (header === null) return [];
  const parsed = parseJson(header);
  const described = describePrismViolations(parsed);
  return described.length > 0 ? described : [header];
}

/** The wire form the spec asks for (`filters=a,b` for explode:false, repeated keys otherwise). */
function expectedQueryValues(value: unknown, explode: boolean): string[] {
  if (Array.isArray(value)) return explode ? value.map(String) : [value.map(String).join(',')];
  return [String(value)];
}

function queryProblems(operation: OperationSpec, query: QueryValues, url: URL): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const parameter = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    const expected = expectedQueryValues(value, parameter?.explode ?? true);
    const sent = url.searchParams.getAll(name);
    if (!isDeepStrictEqual(sent, expected)) {
      problems.push(
        `query ${name}: sent ${JSON.stringify(sent)}, the spec's serialization gives ${JSON.stringify(expected)}`,
      );
    }
  }
  return problems;
}

function describeThrown(error: unknown): string[] {
  if (!(error instanceof SessionsApiError)) return [`client threw ${String(error)}`];
  const problems = [
    `client threw SessionsApiError(kind=${error.kind}, status=${error.status}): ${error.message}`,
  ];
  // Prism in --errors mode answers a non-conforming upstream with 500 and a `validation` list.
  if (typeof error.body === 'object' && error.body !== null && 'validation' in error.body) {
    problems.push(...describePrismViolations(error.body.validation).map((v) => `Prism: ${v}`));
  }
  return problems;
}

/**
 * Runs one call through the client and lists everything that breaks the contract: a thrown error, a non-2xx
 * status, Prism's `sl-violations`, a body that fails the response schema (checked by ajv, not by Prism), a body
 * the client changed, and query parameters not serialized the way the spec says.
 */
export class ConformanceChecker {
  readonly validators: ResponseValidators;

  constructor(readonly spec: LoadedSpec = loadSpec()) {
    this.validators = new ResponseValidators(spec);
  }

  async check(target: ConformanceTarget, call: OperationCall): Promise<ConformanceResult> {
    const operation = operationById(this.spec, call.operationId);
    const recorder = createRecorder();
    const client = createSessionsClient({
      baseUrl: target.baseUrl,
      apiToken: target.apiToken,
      retry: false,
      fetch: recorder.fetch,
    });
    const options: CallOptions = { retry: false, ...(call.headers ? { headers: call.headers } : {}) };
    const query = call.query ?? {};
    const result: ConformanceResult = { operationId: call.operationId, problems: [] };
    try {
      result.value = await invokerFor(call.operationId)(client, target.ids, query, options);
    } catch (error) {
      result.error = error;
      result.problems.push(...describeThrown(error));
    }
    const exchange = recorder.last();
    result.exchange = exchange;
    if (exchange === undefined) {
      result.problems.push('no request reached the server');
      return result;
    }
    result.problems.push(...this.exchangeProblems(operation, query, exchange, result));
    return result;
  }

  private exchangeProblems(
    operation: OperationSpec,
    query: QueryValues,
    exchange: Exchange,
    result: ConformanceResult,
  ): string[] {
    const problems = queryProblems(operation, query, exchange.url);
    // Under --errors the header repeats the `validation` list of Prism's 500 body, already reported.
    const relayed = new Set(result.problems);
    problems.push(
      ...violationsHeader(exchange)
        .filter((v) => !relayed.has(`Prism: ${v}`))
        .map((v) => `sl-violations: ${v}`),
    );
    const status = String(exchange.status);
    if (!/^2\d\d$/.test(status)) {
      problems.push(`HTTP ${status} from ${exchange.method} ${exchange.url.pathname}`);
      return problems;
    }
    const documented = operation.responses.find((r) => r.status === status);
    if (documented === undefined) {
      problems.push(`HTTP ${status} is not a documented response of ${operation.operationId}`);
      return problems;
    }
    if (documented.schema === undefined) {
      if (exchange.bodyText.trim() !== '')
        problems.push(`HTTP ${status} documents no body but one came back`);
      return problems;
    }
    const body = parseJson(exchange.bodyText);
    if (body === undefined) {
      problems.push(`HTTP ${status} body is not JSON: ${exchange.bodyText.slice(0, 200)}`);
      return problems;
    }
    const validate = this.validators.forResponse(operation.operationId, status);
    problems.push(...validate(body).map((p) => `schema: ${p.path}: ${p.message}`));
    if (result.error === undefined && !isDeepStrictEqual(result.value, body)) {
      problems.push('the client resolved with a value different from the JSON body on the wire');
    }
    return problems;
  }

  /** `check`, then throw a ContractViolation listing every problem (the message names each field). */
  async expectConforms(target: ConformanceTarget, call: OperationCall): Promise<ConformanceResult> {
    const result = await this.check(target, call);
    if (result.problems.length > 0) {
      const query = new URLSearchParams(result.exchange?.url.search ?? '').toString();
      throw new ContractViolation(
        `${call.operationId}${query ? ` ?${query}` : ''} does not conform to the spec:\n${result.problems
          .map((p) => `  - ${p}`)
          .join('\n')}`,
      );
    }
    return result;
  }
}
