import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** The raw request target as it arrived on the wire (path + query, still percent-encoded). */
  target: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler for the following requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request and answers with the current handler. */
export async function startServer(handler: Handler = json(200, {})): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const index = requests.length;
    requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    Promise.resolve(current(req, res, index)).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  trackSockets(server, sockets);
  return {
    url: await listenLocally(server),
    requests,
    handle: (next) => {
      current = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Keeps `sockets` to the connections of `server` still open, so a test can close them or count them. */
export function trackSockets(server: Server, sockets: Set<Socket>): void {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
}

/** Listens on a free port of 127.0.0.1 and returns the server's origin. */
export async function listenLocally(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** One server for the whole test file: started before, closed after, its recorded requests forgotten before each test. */
export function useTestServer(initial?: Handler): TestServer {
  let server: TestServer | undefined;
  const started = () => {
    if (!server) throw new Error('the test server starts in beforeAll');
    return server;
  };
  beforeAll(async () => {
    server = await startServer(initial);
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    started().requests.length = 0;
  });
  return {
    get url() {
      return started().url;
    },
    get requests() {
      return started().requests;
    },
    handle: (handler) => started().handle(handler),
    close: () => started().close(),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

export function text(status: number, body: string, contentType = 'text/plain'): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

/** Answers each request with the next handler of the list (the last one repeats). */
export function sequence(...handlers: Handler[]): Handler {
  return (req, res, index) => {
    const handler = handlers[Math.min(index, handlers.length - 1)];
    return handler?.(req, res, index);
  };
}

/** Sends headers and part of a body, then resets the connection. */
export function resetMidBody(status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"success":true,"data":{"sess');
    setTimeout(() => res.socket?.resetAndDestroy(), 10);
  };
}

/** Never answers (until the client gives up and closes the socket). */
export function hang(): Handler {
  return () => undefined;
}

export const ERROR_BODY = (code: number, message: string) => ({
  success: false,
  errors: [{ code, message }],
  messages: [],
  result: null,
});
