import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findFreePort } from './free-port.js';
import { OutputTail } from './output-tail.js';
import { killGroup, trackGroup, untrackGroup } from './process-registry.js';

export interface StartPrismOptions {
  /** OpenAPI document to serve; defaults to the bundled spec (spec/dist/openapi.yaml). */
  spec?: string;
  /** `mock` answers from the spec; `proxy` forwards to `upstream` and validates both directions. */
  mode?: 'mock' | 'proxy';
  /** Target server for proxy mode. */
  upstream?: string;
  /** Generate responses from the schemas (json-schema-faker) instead of returning the examples. */
  dynamic?: boolean;
  /** Seed for dynamic generation, so runs are reproducible. */
  seed?: number;
  /** Turn request/response violations into error responses (Prism's --errors). Default true. */
  errors?: boolean;
  /** Port to listen on; default: a free port chosen by the OS. */
  port?: number;
  host?: '127.0.0.1';
  /** Prism's log level. Default 'warn' keeps per-request logging out of the pipes. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** How long to wait for Prism to answer HTTP. Default 30 s. */
  startTimeoutMs?: number;
  /** Receives everything Prism writes (stdout and stderr), e.g. to show its request log. */
  onOutput?: (chunk: string) => void;
}

export interface PrismHandle {
  /** Origin Prism listens on, e.g. http://127.0.0.1:43123 (Prism mocks at the root paths). */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export const defaultSpecPath = fileURLToPath(new URL('../../../spec/dist/openapi.yaml', import.meta.url));

const STOP_GRACE_MS = 3_000;
const POLL_INTERVAL_MS = 100;
const PORT_ATTEMPTS = 3;

function prismEntryPoint(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = require(manifestPath) as { bin: { prism: string } };
  return join(dirname(manifestPath), manifest.bin.prism);
}

function prismArguments(options: StartPrismOptions, spec: string, host: string, port: number): string[] {
  const mode = options.mode ?? 'mock';
  const args = [mode, spec];
  if (mode === 'proxy') {
    if (options.upstream === undefined) throw new Error('startPrism: proxy mode needs an upstream URL');
    args.push(options.upstream);
  }
  args.push('-h', host, '-p', String(port), '-v', options.logLevel ?? 'warn');
  if (options.errors ?? true) args.push('--errors');
  if (options.dynamic) {
    if (mode === 'proxy') throw new Error('startPrism: --dynamic only applies to mock mode');
    args.push('--dynamic');
    if (options.seed !== undefined) args.push('--seed', String(options.seed));
  }
  return args;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopGroup(child: ChildProcess, pid: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(pid, 'SIGTERM');
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      killGroup(pid, 'SIGKILL');
      await waitForExit(child, STOP_GRACE_MS);
    }
  }
  untrackGroup(pid);
}

class PrismStartError extends Error {
  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
    this.name = 'PrismStartError';
  }
}

/** Polls until anything answers HTTP on `url` (Prism returns 404 for GET /), or the child dies. */
async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = child.exitCode !== null || child.signalCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Prism exited (code ${child.exitCode}, signal ${child.signalCode})`);
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return;
    } catch {
      await delay(POLL_INTERVAL_MS);
    }
  }
  throw new Error(`Prism did not answer HTTP on ${url} within ${timeoutMs} ms`);
}

async function startOnce(options: StartPrismOptions, spec: string, port: number): Promise<PrismHandle> {
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host}:${port}`;
  const args = [prismEntryPoint(), ...prismArguments(options, spec, host, port)];
  // detached: Prism gets its own process group, so stop() can signal everything it spawned.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new OutputTail();
  output.follow(child.stdout, options.onOutput);
  output.follow(child.stderr, options.onOutput);
  const spawnFailure = new Promise<never>((_, reject) => child.once('error', reject));
  spawnFailure.catch(() => undefined);
  const pid = child.pid;
  if (pid === undefined) {
    await spawnFailure;
    throw new Error('Prism did not start (no pid)');
  }
  trackGroup(pid);
  try {
    await Promise.race([waitUntilAnswering(url, child, options.startTimeoutMs ?? 30_000), spawnFailure]);
  } catch (error) {
    await stopGroup(child, pid);
    const tail = output.toString();
    const reason = error instanceof Error ? error.message : String(error);
    throw new PrismStartError(
      `${reason}\n  command: ${process.execPath} ${args.join(' ')}\n  Prism output (tail):\n${tail || '(empty)'}`,
      tail.includes('EADDRINUSE'),
    );
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    pid,
    stop: () => {
      stopping ??= stopGroup(child, pid);
      return stopping;
    },
  };
}

/** Starts Prism on the bundled spec and resolves once it answers HTTP. */
export async function startPrism(options: StartPrismOptions = {}): Promise<PrismHandle> {
  const spec = options.spec ?? defaultSpecPath;
  if (!/^https?:\/\//.test(spec) && !existsSync(spec)) {
    throw new Error(
      `startPrism: spec not found at ${spec} (build it: npx pnpm@10.34.8 --filter @rtk-sessions/spec run bundle)`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort(host));
    try {
      return await startOnce(options, spec, port);
    } catch (error) {
      // The free port can be taken between probing and Prism binding it: try another one.
      const retry = error instanceof PrismStartError && error.addressInUse && options.port === undefined;
      if (!retry || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}
