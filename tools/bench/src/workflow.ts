import { spawnSync } from 'node:child_process';
import { startPrism } from '@rtk-sessions/mock';
import { repoRoot } from './paths.js';
import { type Summary, summarize } from './stats.js';

export interface Workflow {
  coldBuild: Summary;
  warmBuild: Summary;
  prismStart: Summary;
  contractSuite: Summary;
  /** Null when every run of the contract suite passed; else the end of the failing run's output. */
  contractSuiteFailure: string | null;
}

interface Timed {
  seconds: number;
  ok: boolean;
  /** The last lines of stdout and stderr, to say why a run failed. */
  tail: string;
}

function timedRun(command: string, args: string[]): Timed {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
  });
  const seconds = (performance.now() - started) / 1000;
  const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
  return { seconds, ok: result.status === 0, tail };
}

const turbo = `${repoRoot}node_modules/.bin/turbo`;
const pnpm = `${repoRoot}node_modules/.bin/pnpm`;

function build(force: boolean): number {
  const run = timedRun(turbo, ['run', 'build', ...(force ? ['--force'] : []), '--output-logs=errors-only']);
  if (!run.ok) throw new Error(`turbo run build${force ? ' --force' : ''} failed:\n${run.tail}`);
  return run.seconds;
}

/**
 * Cold (`--force`: no cache) vs warm (cache hit) `turbo run build`, after a first, uncounted build; and the
 * contract suite's wall time with Prism's start included, against Prism's start alone.
 */
export async function measureWorkflow(runs: number): Promise<Workflow> {
  build(false);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    cold.push(build(true));
    warm.push(build(false));
  }
  const prism: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const handle = await startPrism();
    prism.push((performance.now() - started) / 1000);
    await handle.stop();
  }
  const suite: number[] = [];
  let failure: string | null = null;
  for (let i = 0; i < runs; i++) {
    const run = timedRun(pnpm, ['--filter', '@rtk-sessions/contract-tests', 'test']);
    suite.push(run.seconds);
    // The suite is still being written: a failure is a result to report, not a reason to stop the bench.
    if (!run.ok) failure ??= run.tail;
  }
  return {
    coldBuild: summarize(cold),
    warmBuild: summarize(warm),
    prismStart: summarize(prism),
    contractSuite: summarize(suite),
    contractSuiteFailure: failure,
  };
}
