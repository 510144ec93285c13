import fc from 'fast-check';
import type { SpecOperation, SpecParameter, SpecSchema } from './operations.js';

/** One seed for every property, so a failure replays exactly; override with FUZZ_SEED to explore. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_250_101);

/** Ids that have broken URL builders before: traversal, separators, pre-encoded text, authority tricks. */
export const NASTY_IDS = [
  '../x',
  'a/b',
  'a?b#c',
  '%2e%2e',
  '%2E%2E%2F',
  '..',
  '.',
  '',
  '...',
  '.%2e',
  '@evil.com',
  '//evil.com',
  'http://evil.com',
  'https://evil.com/x?y#z',
  '\\',
  '\\\\evil.com\\x',
  ' ',
  '\t\n\r',
  ' lead and trail ',
  '\u0000',
  '\u0007\u001b[31m',
  '\u007f',
  '\u2028\u2029',
  '\ufeff',
  'a;b=c',
  'a&b=c',
  '{session_id}',
  '$&$1$`',
  '+%20+',
  'ø/å?ü#',
  '😀',
  '\ud83d',
  'x\udc00',
] as const;

/** Any UTF-16 code unit, lone surrogates included: fc.string with unit 'binary' never yields those. */
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** A path id: hand-picked nasty ones, full unicode, raw bytes as chars, and arbitrary UTF-16. */
export const idArbitrary: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_IDS), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: utf16Unit, maxLength: 20 }), weight: 1 },
);

/** Whether text can be percent-encoded at all, decided without the client's code: not with a lone surrogate. */
export function isEncodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether an id can be sent: an empty or dot segment would be resolved away by URL parsing. */
export function isSendableId(id: string): boolean {
  return id !== '' && id !== '.' && id !== '..' && isEncodable(id);
}

/** Characters that mean something in a query string, mixed into free-text values. */
const queryDelimiters = fc.constantFrom('&', '=', '#', '+', '%', ' ', '?', ',', '/', ';', '%20', '%26', '\n');

/** Free text for a `type: string` query parameter. */
const textValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.oneof(queryDelimiters, fc.string({ unit: 'grapheme', maxLength: 1 })),
    maxLength: 12,
  }),
);

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** RFC 3339 date-times in the shapes a caller writes: Z or an offset, with 0, 3 or 6 fraction digits. */
export const dateTimeArbitrary: fc.Arbitrary<string> = fc
  .record({
    date: fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fractionDigits: fc.constantFrom(0, 3, 6),
    offset: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, hours, minutes]) => `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`),
    ),
  })
  .map(({ date, fractionDigits, offset }) => {
    const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
    const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
    const fraction =
      fractionDigits === 0 ? '' : `.${pad(date.getUTCMilliseconds(), 3).padEnd(fractionDigits, '7')}`;
    return `${day}T${time}${fraction}${offset}`;
  });

/** A value for one query parameter, from its schema in the spec. */
export function schemaArbitrary(schema: SpecSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: 2 ** 31 - 1 });
    case 'array': {
      if (!schema.items) throw new Error('array parameter without items');
      const item = schemaArbitrary(schema.items);
      return schema.uniqueItems ? fc.uniqueArray(item, { maxLength: 8 }) : fc.array(item, { maxLength: 8 });
    }
    case 'string':
      if (schema.format === 'date-time') return dateTimeArbitrary;
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return textValue;
    default:
      throw new Error(`no arbitrary for schema ${JSON.stringify(schema)}`);
  }
}

/** Any subset of an operation's query parameters, each with a value its schema allows. */
export function queryArbitrary(operation: SpecOperation): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of operation.query) model[parameter.name] = schemaArbitrary(parameter.schema);
  return fc.record(model, { requiredKeys: [] });
}

/** How the spec says a parameter is serialized: form style, explode true unless it says otherwise. */
export function isExploded(parameter: SpecParameter): boolean {
  return parameter.explode ?? (parameter.style ?? 'form') === 'form';
}

/** The query as the spec defines it, decoded: name -> values (one per item of a non-exploded array). */
export function expectedQuery(
  operation: SpecOperation,
  query: Record<string, unknown>,
): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (const parameter of operation.query) {
    const value = query[parameter.name];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue; // an empty list has no form serialization: the parameter is left out
      if (isExploded(parameter)) throw new Error('no exploded arrays in this spec: extend the check');
      expected.set(parameter.name, value.map(String));
    } else expected.set(parameter.name, [String(value)]);
  }
  return expected;
}

/**
 * Reads a raw query string the way a strict RFC 3986 server does: `&`-separated pairs, `=` once, percent-decoding
 * (a `+` stays a plus), and a comma splitting the values of the non-exploded parameters.
 */
export function parseQuery(raw: string, operation: SpecOperation): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  if (raw === '') return parsed;
  for (const pair of raw.split('&')) {
    const equals = pair.indexOf('=');
    const name = decodeURIComponent(equals === -1 ? pair : pair.slice(0, equals));
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    if (parsed.has(name)) throw new Error(`query parameter ${name} sent twice`);
    const parameter = operation.query.find((candidate) => candidate.name === name);
    const parts = parameter && !isExploded(parameter) ? rawValue.split(',') : [rawValue];
    parsed.set(name, parts.map(decodeURIComponent));
  }
  return parsed;
}

/** One response the fuzzed server sends. */
export interface ResponseCase {
  status: number;
  /** What the body is, for the report and for the checks that depend on it. */
  shape: 'json' | 'truncated' | 'deep' | 'huge' | 'bytes' | 'empty' | 'text';
  body: Uint8Array;
  headers: Record<string, string>;
  /** Send it with `res.end(body)` (a Content-Length) or in chunks (Transfer-Encoding: chunked). */
  chunked: boolean;
}

const encoder = new TextEncoder();

const jsonText = fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value));

/** Deep nesting (parsers are iterative, but String(), Number() and JSON.stringify recurse). */
const deepText = fc
  .record({
    depth: fc.integer({ min: 1_000, max: 100_000 }),
    where: fc.constantFrom('array', 'object', 'error-envelope'),
  })
  .map(({ depth, where }) => {
    const array = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (where === 'array') return array;
    if (where === 'object') return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return `{"success":false,"errors":[{"code":${array},"message":${array}}]}`;
  });

const bodyArbitrary: fc.Arbitrary<Pick<ResponseCase, 'shape' | 'body'>> = fc.oneof(
  { arbitrary: jsonText.map((text) => ({ shape: 'json' as const, body: encoder.encode(text) })), weight: 6 },
  {
    arbitrary: fc
      .record({ text: jsonText, cut: fc.double({ min: 0, max: 1, noNaN: true }) })
      .filter(({ text }) => text.length > 1)
      .map(({ text, cut }) => ({
        shape: 'truncated' as const,
        body: encoder.encode(text.slice(0, Math.floor(cut * (text.length - 1)))),
      })),
    weight: 2,
  },
  { arbitrary: deepText.map((text) => ({ shape: 'deep' as const, body: encoder.encode(text) })), weight: 1 },
  {
    arbitrary: fc.integer({ min: 100_000, max: 3_000_000 }).map((length) => ({
      shape: 'huge' as const,
      body: encoder.encode(`{"success":true,"data":{"id":"${'x'.repeat(length)}"}}`),
    })),
    weight: 1,
  },
  {
    arbitrary: fc
      .oneof(
        fc.uint8Array({ maxLength: 512 }),
        fc.constantFrom(
          Uint8Array.from([0xff, 0xfe, 0xfd]),
          Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]), // {"a":"\xc3"}
          Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM + {}
          Uint8Array.from([0xed, 0xa0, 0x80]), // an encoded surrogate: invalid UTF-8
        ),
      )
      .map((body) => ({ shape: 'bytes' as const, body })),
    weight: 2,
  },
  { arbitrary: fc.constant({ shape: 'empty' as const, body: new Uint8Array() }), weight: 1 },
  {
    arbitrary: fc
      .constantFrom(
        '<html><body>502 Bad Gateway</body></html>',
        'OK',
        'null',
        '"a string"',
        '42',
        'true',
        '[]',
      )
      .map((text) => ({ shape: 'text' as const, body: encoder.encode(text) })),
    weight: 2,
  },
);

const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });

const retryAfterArbitrary = fc.oneof(
  headerText,
  fc.nat({ max: 10 }).map(String),
  fc.constantFrom('0', '0.01', '-1', '1e3', '99999999999999999999999', '', ' 0 ', 'soon', '0x10', 'Infinity'),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
);

const contentTypeArbitrary = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/problem+json',
      'text/html',
      'text/plain; charset=latin1',
      'application/octet-stream',
      'multipart/form-data; boundary=x',
    ),
    headerText,
  ),
  { nil: undefined },
);

/**
 * A response from a server that cannot be trusted: any final status (1xx are informational, not answers, and
 * Node's server cannot send one as the response), any body, garbage headers.
 */
export const responseCaseArbitrary: fc.Arbitrary<ResponseCase> = fc
  .record({
    status: fc.oneof(
      fc.integer({ min: 200, max: 599 }),
      fc.constantFrom(200, 201, 204, 205, 304, 400, 404, 429, 500, 502, 503),
    ),
    body: bodyArbitrary,
    contentType: contentTypeArbitrary,
    retryAfter: fc.option(retryAfterArbitrary, { nil: undefined }),
    requestId: fc.option(headerText, { nil: undefined }),
    chunked: fc.boolean(),
  })
  .map(({ status, body, contentType, retryAfter, requestId, chunked }) => {
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
    if (requestId !== undefined) headers['cf-ray'] = requestId;
    return { status, ...body, headers, chunked };
  });
