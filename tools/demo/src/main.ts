/**
 * The main job. With CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_APP_ID set it reads the real API;
 * otherwise it starts the Prism mock of the bundled spec, prints the report against it and stops the mock.
 */
import { createSessionsClient } from '@rtk-sessions/client';
import { startPrism } from '@rtk-sessions/mock';
import { printReport } from './report.js';

const { CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_APP_ID } = process.env;
const scope = { sessions: 5, participantsPerPage: 2 };

if (CLOUDFLARE_API_TOKEN && CLOUDFLARE_ACCOUNT_ID && CLOUDFLARE_APP_ID) {
  console.log('Reading the real RealtimeKit API (api.cloudflare.com)\n');
  const client = createSessionsClient({ apiToken: CLOUDFLARE_API_TOKEN, accountId: CLOUDFLARE_ACCOUNT_ID });
  await printReport(client, { ...scope, appId: CLOUDFLARE_APP_ID });
} else {
  const prism = await startPrism();
  try {
    console.log(`Reading the Prism mock of spec/dist/openapi.yaml at ${prism.url}`);
    console.log(
      '(set CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_APP_ID to read the real API)\n',
    );
    const client = createSessionsClient({
      apiToken: 'mock-token',
      baseUrl: prism.url,
      accountId: '023e105f4ecef8ad9ca31a8372d0c353',
    });
    await printReport(client, { ...scope, appId: '2e6f0f5b-0d6a-4c7e-9c3f-6b1d2a8e4f10' });
  } finally {
    await prism.stop();
  }
}
