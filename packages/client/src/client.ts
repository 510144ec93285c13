import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { createDeadline } from './deadline.js';
import { errorFromResponse, interruptionError, redactToken, SessionsApiError } from './errors.js';
import type { paths } from './generated/schema.js';
import { paginate } from './paginate.js';
import {
  backoffDelay,
  isRetryableStatus,
  MAX_TIMER_MS,
  parseRetryAfter,
  type RetryPolicy,
  resolveRetry,
  sleep,
} from './retry.js';
import type { OperationId, ParamsOf, Participant, RequestOptions, ResponseOf, Session } from './types.js';

export const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface SessionsClientOptions {
  /** API token with RealtimeKit read access; defaults to `process.env.CLOUDFLARE_API_TOKEN`. Never logged or echoed. */
  apiToken?: string;
  /** Default `https://api.cloudflare.com/client/v4`. Point it at a Prism mock's origin for tests. */
  baseUrl?: string;
  /** Used when a call's `params.account_id` is not given. */
  accountId?: string;
  /** Used when a method's `appId` argument is `undefined`. */
  appId?: string;
  /** Per-attempt timeout in ms (default 30 000). An attempt that times out is retried like a network error. */
  timeoutMs?: number;
  /** Retry policy for 429, 5xx, network errors and timeouts; `false` disables retries. */
  retry?: RetryPolicy | false;
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** openapi-fetch middleware, run before the auth middleware (so they never see the token). */
  middleware?: Middleware[];
}

/** The typed openapi-fetch client under the methods: full control, auth included, no retries or timeouts. */
export type RawSessionsClient = Client<paths>;

/**
 * One method per operation of the Sessions API, named by its operationId and taking arguments in the order of
 * the official SDK (`client.realtimeKit.sessions.*`), so moving over is a rename. Every method resolves with the
 * parsed JSON body and rejects with {@link SessionsApiError}.
 */
export interface SessionsClient {
  /**
   * Fetch all sessions of an App. `GET /accounts/{account_id}/realtime/kit/{app_id}/sessions`
   * @example
   * const { data } = await client.getSessions('app_id', { status: 'ENDED', sort_by: 'minutesConsumed', per_page: 50 });
   * for (const s of data?.sessions ?? []) console.log(s.id, s.minutes_consumed);
   */
  getSessions(
    appId: string | undefined,
    params?: ParamsOf<'getSessions'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessions'>>;

  /**
   * Fetch details of a session. `GET .../sessions/{session_id}`
   * @example
   * const { data } = await client.getSessionDetails('app_id', 'session_id', { include_breakout_rooms: true });
   * console.log(data?.session?.status);
   */
  getSessionDetails(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'getSessionDetails'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessionDetails'>>;

  /**
   * Fetch participants list of a session. `GET .../sessions/{session_id}/participants`
   * @example
   * const { data } = await client.getSessionParticipants('app_id', 'session_id', { sort_by: 'duration', sort_order: 'DESC' });
   * console.log(data?.paging?.total_count, data?.participants?.length);
   */
  getSessionParticipants(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'getSessionParticipants'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessionParticipants'>>;

  /**
   * Fetch details of a participant, with call statistics. `GET .../sessions/{session_id}/participants/{participant_id}`
   * `filters` is sent comma-separated (`filters=device_info,quality_stats`), as the API requires.
   * @example
   * const { data } = await client.getSessionParticipantDetails('app_id', 'session_id', 'participant_id', {
   *   filters: ['device_info', 'quality_stats'],
   * });
   * console.log(data?.participant?.quality_stats?.[0]?.average_quality);
   */
  getSessionParticipantDetails(
    appId: string | undefined,
    sessionId: string,
    participantId: string,
    params?: ParamsOf<'getSessionParticipantDetails'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessionParticipantDetails'>>;

  /**
   * Fetch a URL to download all chat messages of a session (CSV). `GET .../sessions/{session_id}/chat`
   * See `downloadChatCsv` in `@rtk-sessions/client/downloads` to read it.
   * @example
   * const { data } = await client.getSessionChat('app_id', 'session_id');
   * console.log(data?.chat_download_url, data?.chat_download_url_expiry);
   */
  getSessionChat(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'getSessionChat'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessionChat'>>;

  /**
   * Fetch a URL to download the complete transcript of a session (CSV). `GET .../sessions/{session_id}/transcript`
   * @example
   * const { data } = await client.getSessionTranscripts('app_id', 'session_id');
   * console.log(data?.transcript_download_url);
   */
  getSessionTranscripts(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'getSessionTranscripts'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessionTranscripts'>>;

  /**
   * Fetch a URL to download the summary of the transcripts (plain text). `GET .../sessions/{session_id}/summary`
   * Note the API's camelCase field names here: `sessionId`, `summaryDownloadUrl`, `summaryDownloadUrlExpiry`.
   * @example
   * const { data } = await client.getSessionSummary('app_id', 'session_id');
   * console.log(data?.summaryDownloadUrl);
   */
  getSessionSummary(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'getSessionSummary'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getSessionSummary'>>;

  /**
   * Trigger summary generation of the transcripts of a session. `POST .../sessions/{session_id}/summary`
   * Being a POST, it is retried only when the server surely did not act on it: a 429 (rate limited before any
   * work) or a refused connection. A 5xx, a reset or a timeout is thrown at once, so a summary is never
   * requested twice behind your back.
   * @example
   * await client.generateSummaryOfTranscripts('app_id', 'session_id');
   */
  generateSummaryOfTranscripts(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'generateSummaryOfTranscripts'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'generateSummaryOfTranscripts'>>;

  /**
   * Fetch details of a peer: the participant with its full peer report. `GET .../sessions/peer-report/{peer_id}`
   * @example
   * const { data } = await client.getParticipantDataFromPeerId('app_id', 'peer_id', { filters: ['quality_stats'] });
   * console.log(data?.participant?.quality_stats?.average_quality);
   */
  getParticipantDataFromPeerId(
    appId: string | undefined,
    peerId: string,
    params?: ParamsOf<'getParticipantDataFromPeerId'>,
    options?: RequestOptions,
  ): Promise<ResponseOf<'getParticipantDataFromPeerId'>>;

  /**
   * Every session of an App, page after page (`page_no` from `params.page_no` or 1, `per_page` default 100),
   * one page in memory at a time; stops after a short or empty page.
   * @example
   * for await (const session of client.iterateSessions('app_id', { status: 'ENDED' })) console.log(session.id);
   */
  iterateSessions(
    appId: string | undefined,
    params?: ParamsOf<'getSessions'>,
    options?: RequestOptions,
  ): AsyncIterable<Session>;

  /**
   * Every participant of a session, page after page; stops on the last page by `paging.total_count`
   * (or a short or empty page when the response has no `paging`).
   * @example
   * for await (const p of client.iterateSessionParticipants('app_id', 'session_id')) console.log(p.display_name);
   */
  iterateSessionParticipants(
    appId: string | undefined,
    sessionId: string,
    params?: ParamsOf<'getSessionParticipants'>,
    options?: RequestOptions,
  ): AsyncIterable<Participant>;

  /** The typed openapi-fetch client, for full control (auth applied; no retries or timeouts). */
  readonly raw: RawSessionsClient;
}

const SESSIONS = '/accounts/{account_id}/realtime/kit/{app_id}/sessions';
const SESSION = `${SESSIONS}/{session_id}`;
const DEFAULT_PAGE_SIZE = 100;

type Method = 'GET' | 'POST';
type PathParams = Record<string, string | undefined>;

/**
 * Creates a Sessions API client.
 * @example
 * import { createSessionsClient } from '@rtk-sessions/client';
 * const client = createSessionsClient({ accountId: '023e105f4ecef8ad9ca31a8372d0c353' }); // token from CLOUDFLARE_API_TOKEN
 * const { data } = await client.getSessions('app_id', { status: 'LIVE' });
 */
export function createSessionsClient(options: SessionsClientOptions = {}): SessionsClient {
  const token = options.apiToken ?? readEnv('CLOUDFLARE_API_TOKEN');
  const clientRetry = resolveRetry(options.retry);
  const clientTimeout = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    Request: DeferredRequest,
    headers: options.headers,
    // The API wants `filters=a,b`: openapi-fetch ignores the spec's style/explode, so say it here.
    querySerializer: { array: { style: 'form', explode: false } },
  });
  raw.use(...(options.middleware ?? []));
  if (token) raw.use(bearerAuth(token));
  // The methods build paths at run time, so they go through an untyped view of the same client.
  const send = raw.request as unknown as (
    method: Method,
    path: string,
    init: {
      params: { path: PathParams; query: Record<string, unknown> };
      signal: AbortSignal;
      parseAs: 'text';
      headers?: Record<string, string>;
    },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  async function call<O extends OperationId>(
    operation: O,
    method: Method,
    path: string,
    pathParams: PathParams,
    params: ParamsOf<O> | undefined,
    callOptions: RequestOptions = {},
  ): Promise<ResponseOf<O>> {
    const { account_id, ...query } = (params ?? {}) as ParamsOf<O>;
    const resolvedPath: PathParams = { account_id: account_id ?? options.accountId, ...pathParams };
    resolvedPath.app_id ??= options.appId;
    for (const [name, value] of Object.entries(resolvedPath)) checkSegment(operation, name, value);
    for (const [name, value] of Object.entries(query)) checkQueryValue(operation, name, value);
    const retry = callOptions.retry === undefined ? clientRetry : resolveRetry(callOptions.retry);
    const timeoutMs = checkTimeout(callOptions.timeoutMs ?? clientTimeout);

    for (let attempt = 1; ; attempt++) {
      const deadline = createDeadline(timeoutMs, callOptions.signal);
      let failure: SessionsApiError;
      try {
        const { data, error, response } = await send(method, path, {
          params: { path: resolvedPath, query },
          signal: deadline.signal,
          // Parsed here, not by openapi-fetch: its SyntaxError would lose the response and its status.
          parseAs: 'text',
          ...(callOptions.headers ? { headers: callOptions.headers } : {}),
        });
        if (response.ok)
          return checkBody(
            operation,
            method,
            response,
            parseJson(operation, response, data),
          ) as ResponseOf<O>;
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        failure = errorFromResponse(operation, response, error, retryAfterMs);
      } catch (cause) {
        failure = errorFromThrown(operation, cause, deadline.timedOut(), callOptions.signal);
      } finally {
        deadline.dispose();
      }
      failure = redactToken(failure, token);
      const retryable = method === 'GET' ? isRetryableGet(failure) : isRetryablePost(failure);
      const wait = failure.retryAfterMs ?? backoffDelay(attempt, retry);
      if (!retryable || attempt >= retry.maxAttempts || wait > retry.maxRetryAfterMs) throw failure;
      try {
        await sleep(wait, callOptions.signal);
      } catch (cause) {
        throw errorFromThrown(operation, cause, false, callOptions.signal);
      }
    }
  }

  const client: SessionsClient = {
    raw,
    getSessions: (appId, params, opts) =>
      call('getSessions', 'GET', SESSIONS, { app_id: appId }, params, opts),
    getSessionDetails: (appId, sessionId, params, opts) =>
      call('getSessionDetails', 'GET', SESSION, { app_id: appId, session_id: sessionId }, params, opts),
    getSessionParticipants: (appId, sessionId, params, opts) =>
      call(
        'getSessionParticipants',
        'GET',
        `${SESSION}/participants`,
        { app_id: appId, session_id: sessionId },
        params,
        opts,
      ),
    getSessionParticipantDetails: (appId, sessionId, participantId, params, opts) =>
      call(
        'getSessionParticipantDetails',
        'GET',
        `${SESSION}/participants/{participant_id}`,
        { app_id: appId, session_id: sessionId, participant_id: participantId },
        params,
        opts,
      ),
    getSessionChat: (appId, sessionId, params, opts) =>
      call(
        'getSessionChat',
        'GET',
        `${SESSION}/chat`,
        { app_id: appId, session_id: sessionId },
        params,
        opts,
      ),
    getSessionTranscripts: (appId, sessionId, params, opts) =>
      call(
        'getSessionTranscripts',
        'GET',
        `${SESSION}/transcript`,
        { app_id: appId, session_id: sessionId },
        params,
        opts,
      ),
    getSessionSummary: (appId, sessionId, params, opts) =>
      call(
        'getSessionSummary',
        'GET',
        `${SESSION}/summary`,
        { app_id: appId, session_id: sessionId },
        params,
        opts,
      ),
    generateSummaryOfTranscripts: (appId, sessionId, params, opts) =>
      call(
        'generateSummaryOfTranscripts',
        'POST',
        `${SESSION}/summary`,
        { app_id: appId, session_id: sessionId },
        params,
        opts,
      ),
    getParticipantDataFromPeerId: (appId, peerId, params, opts) =>
      call(
        'getParticipantDataFromPeerId',
        'GET',
        `${SESSIONS}/peer-report/{peer_id}`,
        { app_id: appId, peer_id: peerId },
        params,
        opts,
      ),
    iterateSessions: (appId, params = {}, opts) =>
      paginate(params.page_no ?? 1, params.per_page ?? DEFAULT_PAGE_SIZE, async (page_no, per_page) => {
        const body = await client.getSessions(appId, { ...params, page_no, per_page }, opts);
        return { items: body?.data?.sessions ?? [] };
      }),
    iterateSessionParticipants: (appId, sessionId, params = {}, opts) =>
      paginate(params.page_no ?? 1, params.per_page ?? DEFAULT_PAGE_SIZE, async (page_no, per_page) => {
        const body = await client.getSessionParticipants(
          appId,
          sessionId,
          { ...params, page_no, per_page },
          opts,
        );
        return { items: body?.data?.participants ?? [], paging: body?.data?.paging };
      }),
  };
  return client;
}

/**
 * `globalThis.Request`, looked up at the first request instead of at creation: in Node, reading it loads the
 * whole fetch implementation (about 20 ms), which would otherwise land on every process that merely imports
 * and creates a client.
 */
const DeferredRequest = function DeferredRequest(input: RequestInfo | URL, init?: RequestInit) {
  return new globalThis.Request(input, init);
} as unknown as typeof Request;
// openapi-fetch checks what middleware returns with `instanceof` its Request class: answer for the real one.
Object.defineProperty(DeferredRequest, Symbol.hasInstance, {
  value: (value: unknown) => value instanceof globalThis.Request,
});

function bearerAuth(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}

function readEnv(name: string): string | undefined {
  // `process` does not exist in browsers and Workers; there the token must be passed explicitly.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name] || undefined;
}

function checkTimeout(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS)
    throw new RangeError(`timeoutMs must be a positive number of ms up to ${MAX_TIMER_MS}`);
  return timeoutMs;
}

/**
 * An id must stay inside its own path segment. openapi-fetch percent-encodes it, which covers `/`, `?`, `#`
 * and unicode, but `.` and `..` would still be resolved away by URL parsing, and lone surrogates cannot be
 * encoded at all: those are refused before anything is sent.
 */
const LONE_SURROGATE = /\p{Surrogate}/u;

function checkSegment(operation: string, name: string, value: unknown): asserts value is string {
  let problem: string | undefined;
  if (value === undefined) problem = 'is missing (pass it or set a default in createSessionsClient)';
  else if (typeof value !== 'string') problem = `must be a string, got ${typeof value}`;
  else if (value === '') problem = 'must not be empty';
  else if (value === '.' || value === '..') problem = `cannot be "${value}"`;
  else if (LONE_SURROGATE.test(value)) problem = 'contains a lone surrogate and cannot be encoded';
  if (problem) {
    throw new SessionsApiError({
      kind: 'invalid_request',
      operation,
      message: `${operation}: ${name} ${problem}`,
    });
  }
}

/**
 * A lone surrogate in a query value makes `encodeURIComponent` throw a URIError while the request is built;
 * caught there it would pass for a network error and be retried. Refuse it up front like a path segment.
 */
function checkQueryValue(operation: string, name: string, value: unknown): void {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (!values.some((item) => typeof item === 'string' && LONE_SURROGATE.test(item))) return;
  throw new SessionsApiError({
    kind: 'invalid_request',
    operation,
    message: `${operation}: query parameter ${name} contains a lone surrogate and cannot be encoded`,
  });
}

/** A 2xx body as JSON; empty stays `undefined` (openapi-fetch's rule), anything unparsable is refused. */
function parseJson(operation: string, response: Response, text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SessionsApiError({
      kind: 'invalid_response',
      operation,
      status: response.status,
      message: `${operation}: response body is not valid JSON`,
      cause,
    });
  }
}

function checkBody(operation: string, method: Method, response: Response, data: unknown): unknown {
  // The POST may answer with no body (the seed types it `void`); anything else must be the spec's JSON object.
  if (data === undefined && method === 'POST') return data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data;
  const got = data === undefined ? 'an empty body' : Array.isArray(data) ? 'an array' : typeof data;
  throw new SessionsApiError({
    kind: 'invalid_response',
    operation,
    status: response.status,
    message: `${operation}: expected a JSON object, got ${got}`,
  });
}

function errorFromThrown(
  operation: string,
  cause: unknown,
  timedOut: boolean,
  callerSignal: AbortSignal | undefined,
): SessionsApiError {
  const interrupted = interruptionError(operation, cause, timedOut, callerSignal);
  if (interrupted) return interrupted;
  const reason = networkReason(cause);
  return new SessionsApiError({
    kind: 'network',
    operation,
    message: `${operation}: network error (${reason})`,
    cause,
  });
}

function networkReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${cause.message}: ${code}` : cause.message;
}

function isRetryableGet(error: SessionsApiError): boolean {
  if (error.kind === 'http') return isRetryableStatus(error.status);
  return error.kind === 'network' || error.kind === 'timeout';
}

/** A POST is repeated only when it surely had no effect: rate limited, or the connection was never made. */
function isRetryablePost(error: SessionsApiError): boolean {
  if (error.kind === 'http') return error.status === 429;
  return error.kind === 'network' && error.message.includes('ECONNREFUSED');
}
