/**
 * Where the suite sends its calls. Without CONTRACT_BASE_URL it is a Prism mock started by the global setup;
 * with it, a real server (the mock-only cases are then skipped, visibly).
 */
export interface RealServerConfig {
  baseUrl: string;
  apiToken: string;
  accountId: string;
  appId: string;
  sessionId?: string;
  participantId?: string;
  peerId?: string;
}

export const MOCK_ONLY_REASON =
  'mock-only case: needs Prism (Prefer codes, request validation, dynamic mode); CONTRACT_BASE_URL points at a real server';

function optional(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function required(name: string): string {
  const value = optional(name);
  if (value === undefined)
    throw new Error(`CONTRACT_BASE_URL is set, so ${name} must be set too (see README)`);
  return value;
}

/** The real-server settings, or undefined when the suite runs against the mock. */
export function realServerConfig(): RealServerConfig | undefined {
  const baseUrl = optional('CONTRACT_BASE_URL');
  if (baseUrl === undefined) return undefined;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiToken: required('CLOUDFLARE_API_TOKEN'),
    accountId: required('CONTRACT_ACCOUNT_ID'),
    appId: required('CONTRACT_APP_ID'),
    sessionId: optional('CONTRACT_SESSION_ID'),
    participantId: optional('CONTRACT_PARTICIPANT_ID'),
    peerId: optional('CONTRACT_PEER_ID'),
  };
}

export const isRealServer = realServerConfig() !== undefined;

/** Ids that fill the path parameters. Against the mock any value routes; against a server they must exist. */
export interface PathIds {
  accountId: string;
  appId: string;
  sessionId: string;
  participantId: string;
  peerId: string;
}

/** Mock ids: realistic shapes so a spec `format: uuid` on a path parameter would still accept them. */
export const MOCK_IDS: PathIds = {
  accountId: '023e105f4ecef8ad9ca31a8372d0c353',
  appId: '9f6d3f0e-6a47-4a0c-9a43-1f0a0c1b2e3d',
  sessionId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  participantId: '005f4e0c-4d08-4d4e-a391-a76be75cd296',
  peerId: '51fdf95f-d893-471a-922b-7db7adb14453',
};
