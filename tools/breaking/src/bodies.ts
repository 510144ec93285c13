import type { Operation } from './operations.js';
import { isRecord, resolve } from './refs.js';
import { compareSchema, type SchemaContext, type Side } from './schema-diff.js';
import type { DiffResult } from './types.js';

type Docs = { base: unknown; head: unknown };

function contentOf(doc: unknown, holder: unknown): Record<string, unknown> {
  const resolved = resolve(doc, holder).value;
  return isRecord(resolved) && isRecord(resolved.content) ? resolved.content : {};
}

function schemaOf(mediaType: unknown): unknown {
  return isRecord(mediaType) ? mediaType.schema : undefined;
}

function schemaContext(docs: Docs, side: Side, prefix: string, result: DiffResult): SchemaContext {
  return {
    ...docs,
    side,
    locate: (fieldPath) => (fieldPath === '' ? prefix : `${prefix} ${fieldPath}`),
    breaking: result.breaking,
    notes: result.notes,
  };
}

/** JSON is the common case and stays out of locations; other media types are named. */
function withMediaType(prefix: string, mediaType: string): string {
  return mediaType === 'application/json' ? prefix : `${prefix} [${mediaType}]`;
}

const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

export function compareResponses(docs: Docs, base: Operation, head: Operation, result: DiffResult): void {
  const baseResponses = isRecord(base.operation.responses) ? base.operation.responses : {};
  const headResponses = isRecord(head.operation.responses) ? head.operation.responses : {};
  for (const [status, baseResponse] of Object.entries(baseResponses)) {
    if (!isSuccess(status)) continue;
    const location = `${head.label} ${status}`;
    const headResponse = headResponses[status];
    if (headResponse === undefined) {
      result.breaking.push({
        kind: 'response-status-removed',
        location,
        message: `no longer answers ${status}`,
      });
      continue;
    }
    const headContent = contentOf(docs.head, headResponse);
    for (const [mediaType, baseMedia] of Object.entries(contentOf(docs.base, baseResponse))) {
      if (!(mediaType in headContent)) {
        result.breaking.push({
          kind: 'response-media-type-removed',
          location: `${location} [${mediaType}]`,
          message: `no longer returns ${mediaType}`,
        });
        continue;
      }
      const ctx = schemaContext(docs, 'response', withMediaType(location, mediaType), result);
      compareSchema(ctx, schemaOf(baseMedia), schemaOf(headContent[mediaType]), '');
    }
  }
}

export function compareRequestBodies(docs: Docs, base: Operation, head: Operation, result: DiffResult): void {
  const location = `${head.label} requestBody`;
  const baseBody = resolve(docs.base, base.operation.requestBody).value;
  const headBody = resolve(docs.head, head.operation.requestBody).value;
  if (!isRecord(headBody)) return;
  const wasRequired = isRecord(baseBody) && baseBody.required === true;
  if (headBody.required === true && !wasRequired) {
    result.breaking.push({
      kind: 'request-body-became-required',
      location,
      message: 'request body is now required',
    });
  }
  if (!isRecord(baseBody)) return;
  const headContent = contentOf(docs.head, headBody);
  for (const [mediaType, baseMedia] of Object.entries(contentOf(docs.base, baseBody))) {
    if (!(mediaType in headContent)) {
      result.breaking.push({
        kind: 'request-media-type-removed',
        location: `${location} [${mediaType}]`,
        message: `no longer accepts ${mediaType}`,
      });
      continue;
    }
    const ctx = schemaContext(docs, 'request', withMediaType(location, mediaType), result);
    compareSchema(ctx, schemaOf(baseMedia), schemaOf(headContent[mediaType]), '');
  }
}
