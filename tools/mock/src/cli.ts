import { parseArgs } from 'node:util';
import { startPrism } from './index.js';

const usage = `usage: tsx tools/mock/src/cli.ts [--dynamic] [--seed N] [--port N] [--spec PATH] [--upstream URL] [--no-errors]
  --upstream URL   run Prism as a validating proxy in front of URL instead of a mock`;

function parsePositiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      port: { type: 'string' },
      spec: { type: 'string' },
      upstream: { type: 'string' },
      'no-errors': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const prism = await startPrism({
    mode: values.upstream === undefined ? 'mock' : 'proxy',
    upstream: values.upstream,
    dynamic: values.dynamic,
    seed: parsePositiveInteger('seed', values.seed),
    port: parsePositiveInteger('port', values.port),
    spec: values.spec,
    errors: !values['no-errors'],
    logLevel: 'info',
    onOutput: (chunk) => process.stdout.write(chunk),
  });
  console.log(
    `Prism ${values.upstream === undefined ? 'mock' : 'proxy'} listening on ${prism.url} (pid ${prism.pid})`,
  );
  console.log('Press Ctrl-C to stop.');
  const shutdown = async (): Promise<void> => {
    await prism.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
