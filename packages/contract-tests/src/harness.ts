import { createSessionsClient } from '@rtk-sessions/client';
import { inject } from 'vitest';
import './context.js';
import type { ConformanceTarget } from './conformance.js';
import { MOCK_IDS, type PathIds, type RealServerConfig, realServerConfig } from './target.js';

/** Any non-empty bearer token satisfies the mock's security scheme. */
export const MOCK_TOKEN = 'contract-test-token';

/** Against a real server, ids not given in the environment are taken from the first listed session/participant. */
async function discoverIds(config: RealServerConfig): Promise<PathIds> {
  const client = createSessionsClient({
    baseUrl: config.baseUrl,
    apiToken: config.apiToken,
    accountId: config.accountId,
  });
  let sessionId = config.sessionId;
  if (sessionId === undefined) {
    const listed = await client.getSessions(config.appId, { per_page: 1 });
    sessionId = listed.data?.sessions?.[0]?.id;
  }
  let participantId = config.participantId;
  if (participantId === undefined && sessionId !== undefined) {
    const listed = await client.getSessionParticipants(config.appId, sessionId, { per_page: 1 });
    participantId = listed.data?.participants?.[0]?.id;
  }
  const missing = 'not-found-set-CONTRACT_SESSION_ID';
  return {
    accountId: config.accountId,
    appId: config.appId,
    sessionId: sessionId ?? missing,
    participantId: participantId ?? missing,
    // A participant's id is its peer id (the API reference says so).
    peerId: config.peerId ?? participantId ?? missing,
  };
}

/** The server the suite checks: the static Prism mock, or the real server from CONTRACT_BASE_URL. */
export async function contractTarget(): Promise<ConformanceTarget> {
  const real = realServerConfig();
  if (real === undefined) return { baseUrl: inject('contractBaseUrl'), apiToken: MOCK_TOKEN, ids: MOCK_IDS };
  return { baseUrl: real.baseUrl, apiToken: real.apiToken, ids: await discoverIds(real) };
}

/** The Prism started with --dynamic --seed 1 (mock mode only). */
export function dynamicTarget(): ConformanceTarget {
  const baseUrl = inject('dynamicBaseUrl');
  if (baseUrl === null) throw new Error('no dynamic Prism: the suite runs against a real server');
  return { baseUrl, apiToken: MOCK_TOKEN, ids: MOCK_IDS };
}
