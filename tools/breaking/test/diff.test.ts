import { describe, expect, it } from 'vitest';
import { diffSpecs, findBreakingChanges, type OpenApiDoc } from '../src/diff.js';
import { InputError } from '../src/errors.js';
import { at, baseSpec, DETAILS, LIST, NOTES } from './fixture.js';

const L = `GET ${LIST}`;
const D = `GET ${DETAILS}`;
const N = `POST ${NOTES}`;

function headWith(change: (head: OpenApiDoc) => void): OpenApiDoc {
  const head = baseSpec();
  change(head);
  return head;
}

const listParameters = (doc: OpenApiDoc) =>
  at(doc, 'paths', LIST, 'get').parameters as Record<string, unknown>[];
const parameterNamed = (doc: OpenApiDoc, name: string) => {
  const found = listParameters(doc).find((parameter) => parameter.name === name);
  if (!found) throw new Error(`fixture has no parameter ${name}`);
  return found;
};
const sessionProperties = (doc: OpenApiDoc) => at(doc, 'components', 'schemas', 'Session', 'properties');
const noteBody = (doc: OpenApiDoc) =>
  at(doc, 'paths', NOTES, 'post', 'requestBody', 'content', 'application/json', 'schema');

/** Each case makes one change to a copy of the base and names every break it must produce, no more. */
const breakingCases: [string, (head: OpenApiDoc) => void, [string, string][]][] = [
  ['removed operation', (h) => delete at(h, 'paths', DETAILS).get, [['operation-removed', D]]],
  [
    'removed parameter',
    (h) =>
      (at(h, 'paths', LIST, 'get').parameters = listParameters(h).filter((p) => p.name !== 'sort_order')),
    [['parameter-removed', `${L} query.sort_order`]],
  ],
  [
    'removed path-level parameter',
    (h) => (at(h, 'paths', DETAILS).parameters = [{ $ref: '#/components/parameters/AccountId' }]),
    [['parameter-removed', `${D} path.app_id`]],
  ],
  [
    'parameter became required (behind a $ref)',
    (h) => (at(h, 'components', 'parameters', 'PageNo').required = true),
    [['parameter-became-required', `${L} query.page_no`]],
  ],
  [
    'new required parameter',
    (h) =>
      listParameters(h).push({ name: 'search', in: 'query', required: true, schema: { type: 'string' } }),
    [['parameter-added-required', `${L} query.search`]],
  ],
  [
    'parameter type changed',
    (h) => (at(h, 'components', 'parameters', 'PageNo').schema = { type: 'string' }),
    [['parameter-type-changed', `${L} query.page_no`]],
  ],
  [
    'parameter enum narrowed',
    (h) => (parameterNamed(h, 'sort_order').schema = { type: 'string', enum: ['ASC'] }),
    [['parameter-enum-narrowed', `${L} query.sort_order`]],
  ],
  [
    'parameter array item enum narrowed',
    (h) => (at(parameterNamed(h, 'filters'), 'schema', 'items').enum = ['device_info']),
    [['parameter-enum-narrowed', `${L} query.filters[]`]],
  ],
  [
    'parameter explode changed',
    (h) => delete parameterNamed(h, 'filters').explode,
    [['parameter-serialization-changed', `${L} query.filters`]],
  ],
  [
    'parameter style changed',
    (h) => (parameterNamed(h, 'sort_order').style = 'deepObject'),
    [['parameter-serialization-changed', `${L} query.sort_order`]],
  ],
  [
    'removed success status',
    (h) => {
      const responses = at(h, 'paths', DETAILS, 'get', 'responses');
      responses['201'] = responses['200'];
      delete responses['200'];
    },
    [['response-status-removed', `${D} 200`]],
  ],
  [
    'removed response media type',
    (h) => delete at(h, 'paths', DETAILS, 'get', 'responses', '200', 'content')['text/csv'],
    [['response-media-type-removed', `${D} 200 [text/csv]`]],
  ],
  [
    'removed top-level response field',
    (h) =>
      delete at(
        h,
        'paths',
        LIST,
        'get',
        'responses',
        '200',
        'content',
        'application/json',
        'schema',
        'properties',
      ).data,
    [['response-field-removed', `${L} 200 data`]],
  ],
  [
    'removed response field inside a shared $ref schema, through arrays',
    (h) => delete sessionProperties(h).minutes_consumed,
    [
      ['response-field-removed', `${L} 200 data.sessions[].minutes_consumed`],
      ['response-field-removed', `${D} 200 data.session.minutes_consumed`],
    ],
  ],
  [
    'required response field became optional',
    (h) => (at(h, 'components', 'schemas', 'Session').required = ['id']),
    [
      ['response-field-became-optional', `${L} 200 data.sessions[].status`],
      ['response-field-became-optional', `${D} 200 data.session.status`],
    ],
  ],
  [
    'response field type changed',
    (h) => (sessionProperties(h).minutes_consumed = { type: 'string' }),
    [
      ['response-type-changed', `${L} 200 data.sessions[].minutes_consumed`],
      ['response-type-changed', `${D} 200 data.session.minutes_consumed`],
    ],
  ],
  [
    'response field became nullable (3.1 anyOf with null)',
    (h) => (sessionProperties(h).id = { anyOf: [{ type: 'string' }, { type: 'null' }] }),
    [
      ['response-type-changed', `${L} 200 data.sessions[].id`],
      ['response-type-changed', `${D} 200 data.session.id`],
    ],
  ],
  [
    'response map value type changed (additionalProperties)',
    (h) => (sessionProperties(h).meta = { type: 'object', additionalProperties: { type: 'integer' } }),
    [
      ['response-type-changed', `${L} 200 data.sessions[].meta.*`],
      ['response-type-changed', `${D} 200 data.session.meta.*`],
    ],
  ],
  [
    'response field removed inside allOf',
    (h) => {
      at(h, 'paths', DETAILS, 'get', 'responses', '200', 'content', 'application/json', 'schema').properties =
        {
          data: {
            allOf: [
              { type: 'object', properties: { session: { $ref: '#/components/schemas/Session' } } },
              { type: 'object', properties: { extra: { type: 'string' } } },
            ],
          },
        };
    },
    [['response-field-removed', `${D} 200 success`]],
  ],
  [
    'response became a oneOf',
    (h) =>
      (at(
        h,
        'paths',
        DETAILS,
        'get',
        'responses',
        '200',
        'content',
        'application/json',
        'schema',
        'properties',
        'data',
      ).properties = {
        session: { oneOf: [{ $ref: '#/components/schemas/Session' }, { type: 'object' }] },
      }),
    [['response-type-changed', `${D} 200 data.session`]],
  ],
  [
    'request field type narrowed',
    (h) => (at(noteBody(h), 'properties').priority = { type: 'string' }),
    [['request-type-narrowed', `${N} requestBody priority`]],
  ],
  [
    'request array item type narrowed',
    (h) => (at(noteBody(h), 'properties', 'tags').items = { type: 'string', maxLength: 10, enum: ['a'] }),
    [['request-enum-narrowed', `${N} requestBody tags[]`]],
  ],
  [
    'request enum narrowed (behind a $ref)',
    (h) => (at(h, 'components', 'schemas', 'Visibility').enum = ['private']),
    [['request-enum-narrowed', `${N} requestBody visibility`]],
  ],
  [
    'request field became required',
    (h) => (noteBody(h).required = ['text', 'priority']),
    [['request-field-became-required', `${N} requestBody priority`]],
  ],
  [
    'request body became required',
    (h) => (at(h, 'paths', NOTES, 'post', 'requestBody').required = true),
    [['request-body-became-required', `${N} requestBody`]],
  ],
  [
    'request media type removed',
    (h) => {
      const content = at(h, 'paths', NOTES, 'post', 'requestBody', 'content');
      content['application/xml'] = content['application/json'];
      delete content['application/json'];
    },
    [['request-media-type-removed', `${N} requestBody [application/json]`]],
  ],
];

describe('findBreakingChanges', () => {
  it.each(breakingCases)('reports %s', (_name, change, expected) => {
    const found = findBreakingChanges(baseSpec(), headWith(change)).map(({ kind, location }) => [
      kind,
      location,
    ]);
    expect(found).toEqual(expected);
  });

  it('gives every break a readable message', () => {
    const [change] = findBreakingChanges(
      baseSpec(),
      headWith((h) => delete sessionProperties(h).id),
    );
    expect(change?.message).toBe('field removed from the response');
  });

  it('reports nothing for the same document', () => {
    expect(diffSpecs(baseSpec(), baseSpec())).toEqual({ breaking: [], notes: [] });
  });

  it('reports nothing for additive and documentation changes', () => {
    const head = headWith((h) => {
      h.info.version = '1.1.0';
      h.info.description = 'now documented';
      at(h, 'paths')['/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/chat'] = {
        get: { responses: { '200': { description: 'Chat' } } },
      };
      listParameters(h).push({ name: 'search', in: 'query', schema: { type: 'string' } });
      // A path-level parameter moved onto the operation is the same parameter.
      at(h, 'paths', DETAILS).parameters = [{ $ref: '#/components/parameters/AccountId' }];
      (at(h, 'paths', DETAILS, 'get').parameters as unknown[]).push({
        $ref: '#/components/parameters/AppId',
      });
      const session = sessionProperties(h);
      session.started_at = { type: 'string' };
      session.minutes_consumed = { type: 'integer', description: 'whole minutes now' };
      session.ended_at = { type: 'string' };
      at(h, 'components', 'schemas', 'Visibility').enum = ['private', 'team', 'public'];
      at(noteBody(h), 'properties').priority = { type: ['number', 'string'] };
      at(h, 'paths', DETAILS, 'get', 'responses')['202'] = { description: 'Accepted' };
      at(h, 'paths', DETAILS, 'get', 'responses', '200', 'content')['application/xml'] = {
        schema: { type: 'string' },
      };
      // The same Session written as allOf of two parts.
      const { properties } = at(h, 'components', 'schemas', 'Session');
      at(h, 'components', 'schemas').Session = {
        allOf: [{ $ref: '#/components/schemas/SessionCore' }, { type: 'object', properties }],
      };
      at(h, 'components', 'schemas').SessionCore = { type: 'object', required: ['id', 'status'] };
    });
    expect(diffSpecs(baseSpec(), head)).toEqual({ breaking: [], notes: [] });
  });

  it('treats a widened response enum as a note, not a break', () => {
    const head = headWith(
      (h) => (at(h, 'components', 'schemas', 'SessionStatus').enum = ['LIVE', 'ENDED', 'PAUSED']),
    );
    const { breaking, notes } = diffSpecs(baseSpec(), head);
    expect(breaking).toEqual([]);
    expect(notes).toEqual([
      {
        kind: 'response-enum-widened',
        location: `${L} 200 data.sessions[].status`,
        message: 'may now return "PAUSED"',
      },
      {
        kind: 'response-enum-widened',
        location: `${D} 200 data.session.status`,
        message: 'may now return "PAUSED"',
      },
    ]);
  });

  it('follows recursive schemas renamed between versions without looping', () => {
    const head = headWith((h) => {
      const schemas = at(h, 'components', 'schemas');
      const renamed = JSON.parse(JSON.stringify(schemas.Session).replaceAll('/Session"', '/SessionV2"'));
      delete renamed.properties.id;
      schemas.SessionV2 = renamed;
      delete schemas.Session;
      const text = JSON.stringify(h.paths).replaceAll('/Session"', '/SessionV2"');
      h.paths = JSON.parse(text);
    });
    expect(findBreakingChanges(baseSpec(), head).map((change) => change.location)).toEqual([
      `${L} 200 data.sessions[].id`,
      `${D} 200 data.session.id`,
    ]);
  });

  it('rejects a $ref that points at nothing or only at itself', () => {
    const dangling = headWith((h) => (sessionProperties(h).id = { $ref: '#/components/schemas/Missing' }));
    expect(() => findBreakingChanges(baseSpec(), dangling)).toThrow(InputError);
    const loop = headWith(
      (h) => (sessionProperties(h).id = { $ref: '#/components/schemas/Session/properties/id' }),
    );
    expect(() => findBreakingChanges(baseSpec(), loop)).toThrow(/only points back to itself/);
  });
});
