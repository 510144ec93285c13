/**
 * Download helpers for the URLs that getSessionChat, getSessionTranscripts and getSessionSummary return.
 * A separate entry point (`@rtk-sessions/client/downloads`) so the core client stays free of the CSV parser.
 *
 * The URLs are pre-signed storage URLs: they are fetched WITHOUT the API token, which must never reach a
 * third-party host. Bodies are streamed: rows are parsed and yielded as bytes arrive, never buffered whole.
 */
import { parse } from 'csv-parse/stream';
import { createDeadline } from './deadline.js';
import { interruptionError, requestIdOf, SessionsApiError } from './errors.js';

export interface DownloadOptions {
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Cancels the download. */
  signal?: AbortSignal;
  /** Longest wait for the response or for the next chunk of the body, in ms (default 30 000). */
  timeoutMs?: number;
  /** The clock used to refuse an expired URL (default `Date.now`). */
  now?: () => number;
}

/**
 * A row of the chat CSV, keyed by the file's header. The columns named here are those RealtimeKit's chat export
 * documents; any other column of the file is kept under its own name.
 */
export type ChatMessageRow = Partial<
  Record<
    | 'id'
    | 'participantId'
    | 'sessionId'
    | 'meetingId'
    | 'displayName'
    | 'pinned'
    | 'isEdited'
    | 'payloadType'
    | 'payload'
    | 'createdAt',
    string
  >
> &
  Record<string, string>;

/** A row of the transcript CSV, keyed by the file's header. */
export type TranscriptRow = Record<string, string>;

export interface ChatDownload {
  chat_download_url: string;
  chat_download_url_expiry: string;
}
export interface TranscriptDownload {
  transcript_download_url: string;
  transcript_download_url_expiry: string;
}
export interface SummaryDownload {
  summaryDownloadUrl: string;
  summaryDownloadUrlExpiry: string;
}

/**
 * Streams the chat export of a session as typed rows.
 * @example
 * const { data } = await client.getSessionChat('app_id', 'session_id');
 * if (data) for await (const row of downloadChatCsv(data)) console.log(row.displayName, row.payload);
 */
export function downloadChatCsv(
  chat: ChatDownload,
  options: DownloadOptions = {},
): AsyncIterable<ChatMessageRow> {
  return streamCsv('downloadChatCsv', chat.chat_download_url, chat.chat_download_url_expiry, options);
}

/**
 * Streams the transcript of a session as rows keyed by the CSV header.
 * @example
 * const { data } = await client.getSessionTranscripts('app_id', 'session_id');
 * if (data) for await (const row of downloadTranscriptCsv(data)) console.log(row);
 */
export function downloadTranscriptCsv(
  transcript: TranscriptDownload,
  options: DownloadOptions = {},
): AsyncIterable<TranscriptRow> {
  return streamCsv(
    'downloadTranscriptCsv',
    transcript.transcript_download_url,
    transcript.transcript_download_url_expiry,
    options,
  );
}

/**
 * Streams the summary text of a session chunk by chunk (decoded UTF-8).
 * @example
 * const { data } = await client.getSessionSummary('app_id', 'session_id');
 * if (data) for await (const text of streamSummaryText(data)) process.stdout.write(text);
 */
export async function* streamSummaryText(
  summary: SummaryDownload,
  options: DownloadOptions = {},
): AsyncGenerator<string, void, undefined> {
  const operation = 'streamSummaryText';
  yield* streamBody(
    operation,
    summary.summaryDownloadUrl,
    summary.summaryDownloadUrlExpiry,
    options,
    (body) => body.pipeThrough(utf8Decoder()),
  );
}

/**
 * Downloads the whole summary text (summaries are short; use `streamSummaryText` for anything large).
 * @example
 * const { data } = await client.getSessionSummary('app_id', 'session_id');
 * if (data) console.log(await downloadSummaryText(data));
 */
export async function downloadSummaryText(
  summary: SummaryDownload,
  options: DownloadOptions = {},
): Promise<string> {
  let text = '';
  for await (const chunk of streamSummaryText(summary, options)) text += chunk;
  return text;
}

/** TextDecoderStream, typed for byte chunks (the DOM typings declare its input as BufferSource). */
function utf8Decoder(): TransformStream<Uint8Array, string> {
  return new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>;
}

function streamCsv<Row>(
  operation: string,
  url: string,
  expiry: string,
  options: DownloadOptions,
): AsyncIterable<Row> {
  return streamBody(operation, url, expiry, options, (body) =>
    // csv-parse decodes the UTF-8 bytes itself; columns come from the header row; a BOM is dropped.
    body.pipeThrough(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true })),
  );
}

async function* streamBody<T>(
  operation: string,
  url: string,
  expiry: string,
  options: DownloadOptions,
  decode: (body: ReadableStream<Uint8Array>) => ReadableStream<T>,
): AsyncGenerator<T, void, undefined> {
  refuseExpired(operation, expiry, (options.now ?? Date.now)());
  const deadline = createDeadline(options.timeoutMs ?? 30_000, options.signal);
  try {
    const response = await (options.fetch ?? globalThis.fetch)(url, {
      signal: deadline.signal,
      redirect: 'follow',
    });
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      throw new SessionsApiError({
        kind: 'http',
        operation,
        status: response.status,
        message: `${operation} failed with ${response.status} ${response.statusText}`.trimEnd(),
        requestId: requestIdOf(response),
        body: text.slice(0, 1024),
      });
    }
    const reader = decode(response.body).getReader();
    try {
      for (;;) {
        deadline.touch();
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Stopping early (break, throw) cancels the transfer instead of draining it.
      await reader.cancel().catch(() => undefined);
    }
  } catch (cause) {
    throw toDownloadError(operation, cause, deadline.timedOut(), options.signal);
  } finally {
    deadline.dispose();
  }
}

function refuseExpired(operation: string, expiry: string, now: number): void {
  const expiresAt = Date.parse(expiry);
  // An unreadable expiry cannot prove the URL stale: let the storage host decide.
  if (Number.isNaN(expiresAt) || expiresAt > now) return;
  throw new SessionsApiError({
    kind: 'expired_url',
    operation,
    message: `${operation}: the download URL expired at ${new Date(expiresAt).toISOString()}; fetch a fresh one from the API`,
  });
}

function toDownloadError(
  operation: string,
  cause: unknown,
  timedOut: boolean,
  signal: AbortSignal | undefined,
): SessionsApiError {
  const interrupted = interruptionError(operation, cause, timedOut, signal);
  if (interrupted) return interrupted;
  const isCsv = cause instanceof Error && 'code' in cause && String(cause.code).startsWith('CSV_');
  return new SessionsApiError({
    kind: isCsv ? 'invalid_response' : 'network',
    operation,
    message: `${operation}: ${isCsv ? 'malformed CSV' : 'network error'} (${cause instanceof Error ? cause.message : String(cause)})`,
    cause,
  });
}
