import type { operations } from './generated/schema.js';

/** The operationIds of the spec: one client method each. */
export type OperationId = keyof operations;

type QueryOf<O extends OperationId> = operations[O]['parameters'] extends { query?: infer Q }
  ? [Q] extends [Record<string, unknown> | undefined]
    ? NonNullable<Q>
    : Record<never, never>
  : Record<never, never>;

/** A method's `params`: the operation's query parameters plus `account_id` (falls back to `accountId`). */
export type ParamsOf<O extends OperationId> = QueryOf<O> & { account_id?: string };

type SuccessStatus = 200 | 201 | 202;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** The parsed JSON body of an operation's success response. */
export type ResponseOf<O extends OperationId> = JsonOf<
  operations[O]['responses'][Extract<keyof operations[O]['responses'], SuccessStatus>]
>;

type Data<O extends OperationId> = NonNullable<
  NonNullable<ResponseOf<O>> extends { data?: infer D } ? D : never
>;
type Item<A> = NonNullable<A> extends ReadonlyArray<infer T> ? T : never;

/** A session as listed by `getSessions`. */
export type Session = Item<Data<'getSessions'> extends { sessions?: infer S } ? S : never>;
/** A participant as listed by `getSessionParticipants`. */
export type Participant = Item<Data<'getSessionParticipants'> extends { participants?: infer P } ? P : never>;
/** A participant with peer stats and quality stats, from `getSessionParticipantDetails`. */
export type ParticipantDetails = NonNullable<
  Data<'getSessionParticipantDetails'> extends { participant?: infer P } ? P : never
>;
/** A participant with its full peer report, from `getParticipantDataFromPeerId`. */
export type PeerReportParticipant = NonNullable<
  Data<'getParticipantDataFromPeerId'> extends { participant?: infer P } ? P : never
>;
/** The values of the `filters` query parameter. */
export type ParticipantFilter = Item<
  ParamsOf<'getSessionParticipantDetails'> extends { filters?: infer F } ? F : never
>;

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** Cancels the call, its retries and its waits. */
  signal?: AbortSignal;
  /** Per-attempt timeout; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Extra headers for this call only (e.g. Prism's `Prefer`). */
  headers?: Record<string, string>;
  /** Overrides the client's retry policy for this call; `false` sends exactly once. */
  retry?: import('./retry.js').RetryPolicy | false;
}
