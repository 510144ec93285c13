/** The parts of a bundled OpenAPI 3.x document this check reads; everything else is carried along untyped. */
export interface OpenApiDoc {
  openapi: string;
  info: { version: string; [key: string]: unknown };
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

export type BreakingKind =
  | 'operation-removed'
  | 'parameter-removed'
  | 'parameter-became-required'
  | 'parameter-added-required'
  | 'parameter-type-changed'
  | 'parameter-enum-narrowed'
  | 'parameter-serialization-changed'
  | 'request-body-became-required'
  | 'request-media-type-removed'
  | 'request-type-narrowed'
  | 'request-enum-narrowed'
  | 'request-field-became-required'
  | 'response-status-removed'
  | 'response-media-type-removed'
  | 'response-field-removed'
  | 'response-field-became-optional'
  | 'response-type-changed';

/** Changes worth a line in the output that do not fail the check. */
export type NoteKind = 'response-enum-widened';

export interface BreakingChange {
  kind: BreakingKind;
  /** e.g. `GET /accounts/{account_id}/sessions query.page_no` or `GET /accounts/{account_id}/sessions 200 data.sessions[].id` */
  location: string;
  message: string;
}

export interface Note {
  kind: NoteKind;
  location: string;
  message: string;
}

export interface DiffResult {
  breaking: BreakingChange[];
  notes: Note[];
}
