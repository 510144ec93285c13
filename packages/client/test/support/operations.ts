import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { OperationId, ParamsOf, RequestOptions, SessionsClient } from '../../src/index.js';

/** The bundled spec, read as plain JSON: the fuzzers derive paths and query parameters from it. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema: SpecSchema;
}

export interface SpecSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  uniqueItems?: boolean;
  items?: SpecSchema;
}

export interface SpecOperation {
  operationId: OperationId;
  method: 'GET' | 'POST';
  /** e.g. `/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}` */
  template: string;
  /** Path parameters other than account_id and app_id, in the order the client method takes them. */
  idParams: string[];
  query: SpecParameter[];
}

interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { parameters?: Record<string, SpecParameter> };
}

const specPath = new URL('../../../../spec/dist/openapi.json', import.meta.url);
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as SpecDocument;

function resolveParameter(parameter: SpecParameter | { $ref: string }): SpecParameter {
  if (!('$ref' in parameter)) return parameter;
  const name = parameter.$ref.split('/').at(-1) ?? '';
  const resolved = spec.components.parameters?.[name];
  if (!resolved) throw new Error(`unresolved parameter ${parameter.$ref}`);
  return resolved;
}

function readOperations(): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const shared = (item.parameters ?? []) as SpecParameter[];
    for (const method of ['get', 'post'] as const) {
      const operation = item[method] as
        | { operationId: OperationId; parameters?: SpecParameter[] }
        | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])].map(resolveParameter);
      const described: SpecOperation = {
        operationId: operation.operationId,
        method: method === 'get' ? 'GET' : 'POST',
        template,
        idParams: [...template.matchAll(/\{(\w+)\}/g)]
          .map((match) => match[1] ?? '')
          .filter((name) => name !== 'account_id' && name !== 'app_id'),
        query: parameters.filter((parameter) => parameter.in === 'query'),
      };
      // fast-check prints a counterexample's operation by its id, not as the whole spec excerpt.
      Object.defineProperty(described, fc.toStringMethod, { value: () => described.operationId });
      operations.push(described);
    }
  }
  return operations;
}

export const OPERATIONS: readonly SpecOperation[] = readOperations();

/** Path ids by parameter name: account_id, app_id, session_id, participant_id, peer_id. */
export type Ids = Record<string, string>;

/**
 * Calls the client method of `operation` with the ids and query of a generated case. A switch, not a lookup by
 * name, so each call is type-checked against the method's real signature.
 */
export function callOperation(
  client: SessionsClient,
  operation: SpecOperation,
  ids: Ids,
  query: Record<string, unknown>,
  options: RequestOptions = {},
): Promise<unknown> {
  const app = ids.app_id;
  const session = ids.session_id ?? '';
  const params = <O extends OperationId>() => ({ ...query, account_id: ids.account_id }) as ParamsOf<O>;
  switch (operation.operationId) {
    case 'getSessions':
      return client.getSessions(app, params<'getSessions'>(), options);
    case 'getSessionDetails':
      return client.getSessionDetails(app, session, params<'getSessionDetails'>(), options);
    case 'getSessionParticipants':
      return client.getSessionParticipants(app, session, params<'getSessionParticipants'>(), options);
    case 'getSessionParticipantDetails':
      return client.getSessionParticipantDetails(
        app,
        session,
        ids.participant_id ?? '',
        params<'getSessionParticipantDetails'>(),
        options,
      );
    case 'getSessionChat':
      return client.getSessionChat(app, session, params<'getSessionChat'>(), options);
    case 'getSessionTranscripts':
      return client.getSessionTranscripts(app, session, params<'getSessionTranscripts'>(), options);
    case 'getSessionSummary':
      return client.getSessionSummary(app, session, params<'getSessionSummary'>(), options);
    case 'generateSummaryOfTranscripts':
      return client.generateSummaryOfTranscripts(
        app,
        session,
        params<'generateSummaryOfTranscripts'>(),
        options,
      );
    case 'getParticipantDataFromPeerId':
      return client.getParticipantDataFromPeerId(
        app,
        ids.peer_id ?? '',
        params<'getParticipantDataFromPeerId'>(),
        options,
      );
  }
}
