import type { SessionsClient } from '@rtk-sessions/client';
import type { PathIds } from './target.js';

/** The client methods that map one-to-one to an operation of the spec. */
export type OperationMethod = Exclude<
  keyof SessionsClient,
  'raw' | 'iterateSessions' | 'iterateSessionParticipants'
>;
export type CallOptions = NonNullable<Parameters<SessionsClient['getSessions']>[2]>;
/** Query parameters as the suite builds them from the spec; each invoker hands them to the typed method. */
export type QueryValues = Record<string, unknown>;

type Invoker = (
  client: SessionsClient,
  ids: PathIds,
  query: QueryValues,
  options: CallOptions,
) => Promise<unknown>;

/**
 * Spec-built values are checked against the spec (and by Prism), not by the compiler: the cast is the one
 * place where untyped values enter a typed method.
 */
function params(ids: PathIds, query: QueryValues): never {
  return { account_id: ids.accountId, ...query } as never;
}

/** How each operation is called through the client, in the official SDK's argument order. */
export const invokers: Record<OperationMethod, Invoker> = {
  getSessions: (c, ids, q, o) => c.getSessions(ids.appId, params(ids, q), o),
  getSessionDetails: (c, ids, q, o) => c.getSessionDetails(ids.appId, ids.sessionId, params(ids, q), o),
  getSessionParticipants: (c, ids, q, o) =>
    c.getSessionParticipants(ids.appId, ids.sessionId, params(ids, q), o),
  getSessionParticipantDetails: (c, ids, q, o) =>
    c.getSessionParticipantDetails(ids.appId, ids.sessionId, ids.participantId, params(ids, q), o),
  getSessionChat: (c, ids, q, o) => c.getSessionChat(ids.appId, ids.sessionId, params(ids, q), o),
  getSessionTranscripts: (c, ids, q, o) =>
    c.getSessionTranscripts(ids.appId, ids.sessionId, params(ids, q), o),
  getSessionSummary: (c, ids, q, o) => c.getSessionSummary(ids.appId, ids.sessionId, params(ids, q), o),
  generateSummaryOfTranscripts: (c, ids, q, o) =>
    c.generateSummaryOfTranscripts(ids.appId, ids.sessionId, params(ids, q), o),
  getParticipantDataFromPeerId: (c, ids, q, o) =>
    c.getParticipantDataFromPeerId(ids.appId, ids.peerId, params(ids, q), o),
};

export function invokerFor(operationId: string): Invoker {
  const invoker = (invokers as Record<string, Invoker | undefined>)[operationId];
  if (invoker === undefined) {
    throw new Error(
      `no client method for operation ${operationId}: add it to invokers.ts (and to the client)`,
    );
  }
  return invoker;
}
