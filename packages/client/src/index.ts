export {
  createSessionsClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type RawSessionsClient,
  type SessionsClient,
  type SessionsClientOptions,
} from './client.js';
export { type ApiErrorDetail, SessionsApiError, type SessionsApiErrorKind } from './errors.js';
export type { components, operations, paths } from './generated/schema.js';
export type { Page, Paging } from './paginate.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export type {
  OperationId,
  ParamsOf,
  Participant,
  ParticipantDetails,
  ParticipantFilter,
  PeerReportParticipant,
  RequestOptions,
  ResponseOf,
  Session,
} from './types.js';
