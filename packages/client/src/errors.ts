/** What went wrong, so callers can branch without parsing messages. */
export type SessionsApiErrorKind =
  /** The server answered with a non-2xx status. */
  | 'http'
  /** The connection failed or broke (refused, reset, DNS, TLS) before a full response arrived. */
  | 'network'
  /** An attempt took longer than `timeoutMs`. */
  | 'timeout'
  /** The caller's `AbortSignal` fired. */
  | 'aborted'
  /** A 2xx response whose body is not the JSON object the spec promises (HTML, truncated, not an object). */
  | 'invalid_response'
  /** The call was refused before sending: a missing or unusable argument. */
  | 'invalid_request'
  /** A download URL whose expiry time has passed. */
  | 'expired_url';

/** One entry of the Cloudflare v4 error envelope: `{ success: false, errors: [{ code, message }] }`. */
export interface ApiErrorDetail {
  code: number;
  message: string;
}

export interface SessionsApiErrorInit {
  kind: SessionsApiErrorKind;
  operation: string;
  message: string;
  status?: number;
  errors?: ApiErrorDetail[];
  requestId?: string;
  retryAfterMs?: number;
  body?: unknown;
  cause?: unknown;
}

/**
 * The one error every client call rejects with. It never carries the API token: messages and bodies are
 * built from the response and scrubbed, and the request (with its Authorization header) is not kept.
 */
export class SessionsApiError extends Error {
  override readonly name = 'SessionsApiError';
  readonly kind: SessionsApiErrorKind;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The first API error code of the body (`errors[0].code`), when the body has the documented shape. */
  readonly code: number | undefined;
  /** Every API error of the body; empty when the body had none. */
  readonly errors: ApiErrorDetail[];
  /** `cf-ray` (or `x-request-id`) of the response, to quote to Cloudflare support. */
  readonly requestId: string | undefined;
  /** The operationId (or download helper) that failed, e.g. `getSessions`. */
  readonly operation: string;
  /** Parsed `Retry-After` of a 429/503, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The error body: parsed JSON, or at most 1 KiB of text. */
  readonly body: unknown;

  constructor(init: SessionsApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.errors = init.errors ?? [];
    this.code = this.errors[0]?.code;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }
}

const MAX_TEXT_BODY = 1024;

/**
 * The error for a call that ended without a usable response because it was already mapped, timed out or was
 * aborted by the caller; undefined when the cause is something else (network, parse), which callers classify.
 */
export function interruptionError(
  operation: string,
  cause: unknown,
  timedOut: boolean,
  callerSignal: AbortSignal | undefined,
): SessionsApiError | undefined {
  if (cause instanceof SessionsApiError) return cause;
  if (timedOut)
    return new SessionsApiError({ kind: 'timeout', operation, message: `${operation}: timed out`, cause });
  if (callerSignal?.aborted) {
    return new SessionsApiError({ kind: 'aborted', operation, message: `${operation}: aborted`, cause });
  }
  return undefined;
}

/** Reads the documented error details out of any parsed body, tolerating every other shape. */
export function parseErrorDetails(body: unknown): ApiErrorDetail[] {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors))
    return [];
  const details: ApiErrorDetail[] = [];
  for (const item of body.errors as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { code, message } = item as Record<string, unknown>;
    // Only primitives are converted: String() or Number() of a deeply nested array recurses until the stack
    // overflows, and a RangeError there would be mistaken for a network error.
    details.push({
      code: typeof code === 'number' ? code : typeof code === 'string' ? Number(code) || 0 : 0,
      message: isPrimitive(message) ? String(message) : '',
    });
  }
  return details;
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * A parsed body nested too deeply for `JSON.stringify` (it recurses) is not kept: redacting the token and the
 * caller's own `JSON.stringify(error)` would throw a RangeError instead of the call rejecting with this error.
 */
function keepableBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  try {
    JSON.stringify(body);
    return body;
  } catch {
    return undefined;
  }
}

/** Builds the error for a non-2xx response whose body openapi-fetch already read (JSON or text). */
export function errorFromResponse(
  operation: string,
  response: Response,
  body: unknown,
  retryAfterMs: number | undefined,
): SessionsApiError {
  const errors = parseErrorDetails(body);
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let detail: string;
  if (errors.length > 0) detail = errors.map((e) => `[${e.code}] ${e.message}`).join('; ');
  else if (typeof body === 'string') detail = describeNonJson(response, body);
  else detail = 'no error details in the body';
  return new SessionsApiError({
    kind: 'http',
    operation,
    status: response.status,
    message: `${operation} failed with ${status}: ${detail}`,
    errors,
    requestId: requestIdOf(response),
    retryAfterMs,
    body: typeof body === 'string' ? body.slice(0, MAX_TEXT_BODY) : keepableBody(body),
  });
}

function describeNonJson(response: Response, text: string): string {
  const type = response.headers.get('content-type') ?? 'no content-type';
  if (text.length === 0) return `empty body (${type})`;
  return `non-JSON body (${type}, ${text.length} chars)`;
}

export function requestIdOf(response: Response): string | undefined {
  return response.headers.get('cf-ray') ?? response.headers.get('x-request-id') ?? undefined;
}

/** Replaces every occurrence of the token in a message or body, in case a server echoes it back. */
export function redactToken(error: SessionsApiError, token: string | undefined): SessionsApiError {
  if (!token) return error;
  const scrub = (text: string) => text.split(token).join('[REDACTED]');
  const serializedBody = error.body === undefined ? undefined : JSON.stringify(error.body);
  const leaks =
    error.message.includes(token) ||
    error.errors.some((e) => e.message.includes(token)) ||
    (serializedBody?.includes(token) ?? false);
  if (!leaks) return error;
  return new SessionsApiError({
    kind: error.kind,
    operation: error.operation,
    status: error.status,
    message: scrub(error.message),
    errors: error.errors.map((e) => ({ code: e.code, message: scrub(e.message) })),
    requestId: error.requestId,
    retryAfterMs: error.retryAfterMs,
    body: serializedBody === undefined ? undefined : parseOrKeep(scrub(serializedBody)),
  });
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
