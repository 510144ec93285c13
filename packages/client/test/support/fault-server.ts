import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenLocally, trackSockets } from './server.js';

/** What the fault server does with one attempt. */
export type Answer =
  /** Never answers; the client must time out and close the connection. */
  | 'slow'
  /** Headers and half a body, then a TCP reset. */
  | 'reset'
  /** A Content-Length larger than the bytes sent, then a clean close (FIN): a truncated transfer. */
  | 'truncated'
  | '429'
  | '429-retry-after-0'
  | '429-retry-after-1'
  | '500-html'
  | '502-html'
  | '503-html'
  /** A complete 200 whose JSON is cut short: not retryable, the client reports invalid_response. */
  | 'invalid-json'
  /** A 404 in the API's error envelope: not retryable. */
  | '404'
  | 'ok';

/** The header carrying the call id, so the server can keep one fault plan per call across its retries. */
export const CALL_ID_HEADER = 'x-soak-call';

export interface FaultServer {
  url: string;
  /** Connections currently open on the server side. */
  openSockets(): number;
  /** Answers served so far, by kind. */
  readonly served: Map<Answer, number>;
  /** The answers one call received, attempt by attempt; forgets them (the soak checks each call once). */
  takeHistory(callId: string): Answer[];
  close(): Promise<void>;
}

const OK_BODY = JSON.stringify({ success: true, data: { sessions: [] } });
const HTML = (status: number) =>
  `<html><head><title>${status}</title></head><body><h1>${status}</h1></body></html>`;

/**
 * A real HTTP server that answers attempt `n` of call `id` with `plan(id, n)`. Hanging answers keep a safety
 * timer that is cleared when the client closes the connection, so the server itself leaves nothing behind.
 */
export async function startFaultServer(
  plan: (callId: string, attempt: number) => Answer,
): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const histories = new Map<string, Answer[]>();
  const served = new Map<Answer, number>();

  const server = createServer((req, res) => {
    const callId = String(req.headers[CALL_ID_HEADER] ?? '');
    const history = histories.get(callId) ?? [];
    histories.set(callId, history);
    const answer = plan(callId, history.length);
    history.push(answer);
    served.set(answer, (served.get(answer) ?? 0) + 1);
    // Drain the request so a POST body never blocks the connection.
    req.resume();
    respond(answer, res);
  });
  // Idle keep-alive connections close after a second, so "every socket closed" is observable soon after the
  // last call; a connection still busy with an attempt the client abandoned would stay open and be caught.
  server.keepAliveTimeout = 1_000;
  trackSockets(server, sockets);
  return {
    url: await listenLocally(server),
    openSockets: () => sockets.size,
    served,
    takeHistory: (callId) => {
      const history = histories.get(callId) ?? [];
      histories.delete(callId);
      return history;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The answers that are a plain response: status, content type, body and extra headers. */
const PLAIN: Partial<Record<Answer, [number, string, string, Record<string, string>?]>> = {
  '429': [429, 'application/json', errorBody(971, 'rate limited')],
  '429-retry-after-0': [429, 'application/json', errorBody(971, 'rate limited'), { 'retry-after': '0' }],
  '429-retry-after-1': [429, 'application/json', errorBody(971, 'rate limited'), { 'retry-after': '1' }],
  '500-html': [500, 'text/html', HTML(500)],
  '502-html': [502, 'text/html', HTML(502)],
  '503-html': [503, 'text/html', HTML(503)],
  'invalid-json': [200, 'application/json', OK_BODY.slice(0, -3)],
  '404': [404, 'application/json', errorBody(7003, 'no such session')],
  ok: [200, 'application/json', OK_BODY],
};

function respond(answer: Answer, res: ServerResponse): void {
  const plain = PLAIN[answer];
  if (plain) {
    const [status, contentType, body, headers] = plain;
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(body);
  } else if (answer === 'slow') {
    const safety = setTimeout(() => res.destroy(), 30_000);
    res.on('close', () => clearTimeout(safety));
  } else {
    // 'reset' breaks the connection with a TCP reset; 'truncated' closes it cleanly, short of Content-Length.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(OK_BODY.length) });
    res.write(OK_BODY.slice(0, OK_BODY.length >> 1), () =>
      answer === 'reset' ? res.socket?.resetAndDestroy() : res.socket?.end(),
    );
  }
}

function errorBody(code: number, message: string): string {
  return JSON.stringify({ success: false, errors: [{ code, message }], messages: [], result: null });
}
