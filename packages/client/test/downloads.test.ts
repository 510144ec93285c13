import { describe, expect, it } from 'vitest';
import {
  downloadChatCsv,
  downloadSummaryText,
  downloadTranscriptCsv,
  streamSummaryText,
} from '../src/downloads.js';
import { SessionsApiError } from '../src/index.js';
import { text, useTestServer } from './support/server.js';

const server = useTestServer();

const FUTURE = new Date(Date.now() + 3_600_000).toISOString();
const PAST = '2023-02-01T10:00:00.000Z';

const CHAT_CSV = [
  '\uFEFFid,participantId,sessionId,meetingId,displayName,pinned,isEdited,payloadType,payload,createdAt',
  'm1,p1,s1,mt1,Mark,false,false,text,"Hello, world",2023-02-01T10:51:10.000Z',
  'm2,p2,s1,mt1,Henry,true,false,text,"He said ""hi""\non two lines",2023-02-01T10:52:00.000Z',
  '',
].join('\r\n');

describe('downloadChatCsv', () => {
  it('parses rows by header, with quotes, commas, newlines and a BOM; sends no token', async () => {
    server.handle(text(200, CHAT_CSV, 'text/csv'));
    const rows = [];
    for await (const row of downloadChatCsv({
      chat_download_url: `${server.url}/chat.csv?X-Amz-Signature=abc`,
      chat_download_url_expiry: FUTURE,
    }))
      rows.push(row);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: 'm1', displayName: 'Mark', payload: 'Hello, world' });
    expect(rows[1]?.payload).toBe('He said "hi"\non two lines');
    expect(server.requests[0]?.target).toBe('/chat.csv?X-Amz-Signature=abc');
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses an expired URL without requesting it', async () => {
    const iterate = async () => {
      for await (const _ of downloadChatCsv({
        chat_download_url: `${server.url}/c`,
        chat_download_url_expiry: PAST,
      })) {
      }
    };
    const error = await iterate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionsApiError);
    expect(error).toMatchObject({ kind: 'expired_url', operation: 'downloadChatCsv' });
    expect((error as Error).message).toMatch(/expired at 2023-02-01T10:00:00.000Z/);
    expect(server.requests).toHaveLength(0);
  });

  it('maps a storage error (S3 AccessDenied XML) to SessionsApiError', async () => {
    server.handle(text(403, '<Error><Code>AccessDenied</Code></Error>', 'application/xml'));
    const iterate = async () => {
      for await (const _ of downloadChatCsv({
        chat_download_url: `${server.url}/c`,
        chat_download_url_expiry: FUTURE,
      })) {
      }
    };
    await expect(iterate()).rejects.toMatchObject({
      kind: 'http',
      status: 403,
      body: expect.stringContaining('AccessDenied'),
    });
  });

  it('maps malformed CSV to invalid_response', async () => {
    server.handle(text(200, 'a,b\n"unterminated,1\n', 'text/csv'));
    const iterate = async () => {
      for await (const _ of downloadChatCsv({
        chat_download_url: `${server.url}/c`,
        chat_download_url_expiry: FUTURE,
      })) {
      }
    };
    await expect(iterate()).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('streams a large file: stopping early cancels the transfer before the server has sent it all', async () => {
    const totalRows = 2_000_000; // ~100 MB if it were sent in full
    let rowsWritten = 0;
    let finished = false;
    const closed = new Promise<void>((resolve) =>
      server.handle((req, res) => {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('id,participantId,payload\n');
        const pump = () => {
          while (rowsWritten < totalRows) {
            rowsWritten++;
            if (!res.write(`m${rowsWritten},p1,${'x'.repeat(40)}\n`)) return void res.once('drain', pump);
          }
          finished = true;
          res.end();
        };
        req.socket.once('close', () => resolve());
        pump();
      }),
    );
    let seen = 0;
    for await (const row of downloadChatCsv({
      chat_download_url: `${server.url}/big`,
      chat_download_url_expiry: FUTURE,
    })) {
      expect(row.id).toBe(`m${++seen}`);
      if (seen === 50_000) break;
    }
    await closed;
    expect(finished).toBe(false);
    expect(rowsWritten).toBeLessThan(totalRows);
  });

  it('times out a stalled body', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('id,payload\nm1,hi\n');
    });
    const rows: unknown[] = [];
    const iterate = async () => {
      for await (const row of downloadChatCsv(
        { chat_download_url: `${server.url}/stall`, chat_download_url_expiry: FUTURE },
        { timeoutMs: 100 },
      ))
        rows.push(row);
    };
    await expect(iterate()).rejects.toMatchObject({ kind: 'timeout', operation: 'downloadChatCsv' });
  });
});

describe('downloadTranscriptCsv', () => {
  it('parses the transcript rows', async () => {
    server.handle(
      text(
        200,
        'timestamp,participantId,name,transcript\n2023-02-01T10:51:08Z,p1,Mark,"Hi, all"\n',
        'text/csv',
      ),
    );
    const rows = [];
    for await (const row of downloadTranscriptCsv({
      transcript_download_url: `${server.url}/t.csv`,
      transcript_download_url_expiry: FUTURE,
    }))
      rows.push(row);
    expect(rows).toEqual([
      { timestamp: '2023-02-01T10:51:08Z', participantId: 'p1', name: 'Mark', transcript: 'Hi, all' },
    ]);
  });

  it('refuses an expired URL', async () => {
    const iterate = async () => {
      for await (const _ of downloadTranscriptCsv({
        transcript_download_url: `${server.url}/t`,
        transcript_download_url_expiry: PAST,
      })) {
      }
    };
    await expect(iterate()).rejects.toMatchObject({
      kind: 'expired_url',
      operation: 'downloadTranscriptCsv',
    });
  });
});

describe('summary', () => {
  it('downloads the text, multi-byte characters across chunks included', async () => {
    const summary = `Résumé — ${'é☃'.repeat(50_000)}`;
    server.handle(text(200, summary, 'text/plain; charset=utf-8'));
    const data = { summaryDownloadUrl: `${server.url}/s.txt`, summaryDownloadUrlExpiry: FUTURE };
    await expect(downloadSummaryText(data)).resolves.toBe(summary);
    let chunks = 0;
    for await (const _ of streamSummaryText(data)) chunks++;
    expect(chunks).toBeGreaterThan(1);
  });

  it('refuses an expired URL and honours a custom clock', async () => {
    const data = {
      summaryDownloadUrl: `${server.url}/s.txt`,
      summaryDownloadUrlExpiry: '2030-01-01T00:00:00Z',
    };
    await expect(
      downloadSummaryText(data, { now: () => Date.parse('2030-01-01T00:00:01Z') }),
    ).rejects.toMatchObject({
      kind: 'expired_url',
    });
    expect(server.requests).toHaveLength(0);
  });
});
