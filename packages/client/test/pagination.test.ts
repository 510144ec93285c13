import { describe, expect, it } from 'vitest';
import { createSessionsClient } from '../src/index.js';
import { json, useTestServer } from './support/server.js';

const server = useTestServer();

const client = () =>
  createSessionsClient({ apiToken: 't', baseUrl: server.url, accountId: 'acc', retry: false });
const pageOf = (target: string) => new URL(target, 'http://x').searchParams;

/** Serves `total` sessions, honouring page_no/per_page; `withPaging` adds the participants-style paging object. */
function listServer(total: number, key: 'sessions' | 'participants', withPaging = false) {
  server.handle((req, res, index) => {
    const query = pageOf(req.url ?? '');
    const page = Number(query.get('page_no'));
    const perPage = Number(query.get('per_page'));
    const start = (page - 1) * perPage;
    const items = Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) => ({
      id: `item-${start + i + 1}`,
    }));
    const paging = { start_offset: start + 1, end_offset: start + items.length, total_count: total };
    return json(200, { success: true, data: { [key]: items, ...(withPaging ? { paging } : {}) } })(
      req,
      res,
      index,
    );
  });
}

describe('iterateSessions', () => {
  it('pages until a short page', async () => {
    listServer(25, 'sessions');
    const ids: string[] = [];
    for await (const s of client().iterateSessions('app', { per_page: 10, status: 'ENDED' })) ids.push(s.id);
    expect(ids).toHaveLength(25);
    expect(ids.at(-1)).toBe('item-25');
    expect(server.requests.map((r) => pageOf(r.target).get('page_no'))).toEqual(['1', '2', '3']);
    expect(pageOf(server.requests[0]?.target ?? '').get('status')).toBe('ENDED');
  });

  it('makes one extra request to see an empty page when the total is a multiple of per_page', async () => {
    listServer(20, 'sessions');
    let count = 0;
    for await (const _ of client().iterateSessions('app', { per_page: 10 })) count++;
    expect(count).toBe(20);
    expect(server.requests).toHaveLength(3);
  });

  it('stops at once on an empty first page and starts at params.page_no', async () => {
    listServer(0, 'sessions');
    for await (const _ of client().iterateSessions('app')) throw new Error('no item expected');
    expect(server.requests).toHaveLength(1);
    expect(pageOf(server.requests[0]?.target ?? '').get('per_page')).toBe('100');
    listServer(30, 'sessions');
    let count = 0;
    for await (const _ of client().iterateSessions('app', { page_no: 2, per_page: 10 })) count++;
    expect(count).toBe(20);
  });

  it('fetches lazily: breaking out early requests no further page', async () => {
    listServer(1000, 'sessions');
    for await (const _ of client().iterateSessions('app', { per_page: 10 })) break;
    expect(server.requests).toHaveLength(1);
  });

  it('surfaces a failing page as the typed error', async () => {
    server.handle(json(500, { success: false, errors: [{ code: 1, message: 'boom' }] }));
    const run = async () => {
      for await (const _ of client().iterateSessions('app')) {
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'SessionsApiError', status: 500 });
  });
});

describe('iterateSessionParticipants', () => {
  it('stops when paging reaches total_count, without an extra request', async () => {
    listServer(20, 'participants', true);
    let count = 0;
    for await (const _ of client().iterateSessionParticipants('app', 's', { per_page: 10, view: 'raw' }))
      count++;
    expect(count).toBe(20);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.target).toMatch(
      /^\/accounts\/acc\/realtime\/kit\/app\/sessions\/s\/participants\?/,
    );
  });

  it('stops instead of looping when the server ignores page_no', async () => {
    const page = {
      success: true,
      data: {
        participants: [{ id: 'a' }, { id: 'b' }],
        paging: { start_offset: 1, end_offset: 2, total_count: 123 },
      },
    };
    server.handle(json(200, page));
    const ids: Array<string | undefined> = [];
    for await (const p of client().iterateSessionParticipants('app', 's', { per_page: 2 })) ids.push(p.id);
    expect(ids).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
  });

  it('falls back to the short-page rule without paging', async () => {
    listServer(15, 'participants');
    let count = 0;
    for await (const _ of client().iterateSessionParticipants('app', 's', { per_page: 10 })) count++;
    expect(count).toBe(15);
    expect(server.requests).toHaveLength(2);
  });
});
