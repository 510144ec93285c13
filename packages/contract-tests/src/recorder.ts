/** One request/response pair as it went over the wire, captured below the client. */
export interface Exchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  status: number;
  headers: Headers;
  bodyText: string;
}

export interface Recorder {
  /** A `fetch` to hand to the client: it calls the real fetch and keeps a copy of each exchange. */
  fetch: typeof globalThis.fetch;
  exchanges: Exchange[];
  last(): Exchange | undefined;
}

export function createRecorder(inner: typeof globalThis.fetch = globalThis.fetch): Recorder {
  const exchanges: Exchange[] = [];
  const recordingFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await inner(request);
    // Read a clone so the client still gets an unread body.
    const bodyText = await response.clone().text();
    exchanges.push({
      method: request.method,
      url: new URL(request.url),
      requestHeaders: request.headers,
      status: response.status,
      headers: response.headers,
      bodyText,
    });
    return response;
  };
  return { fetch: recordingFetch, exchanges, last: () => exchanges.at(-1) };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
