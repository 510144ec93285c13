import { spawnSync } from 'node:child_process';
import { startPrism } from '@rtk-sessions/mock';
import { repoRoot } from './paths.js';
import { type Summary, summarize } from './stats.js';

export interface Workflow {
  coldBuild: Summary;
  warmBuild: Summary;
  prismStart: Summary;
  contractSuite: Summary;
  contractSuitePassed: boolean;
}

function seconds(command: string, args: string[], cwd = repoRoot): { seconds: number; ok: boolean } {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  return { seconds: (performance.now() - started) / 1000, ok: result.status === 0 };
}

const turbo = `${repoRoot}node_modules/.bin/turbo`;

/**
 * Cold (`--force`: no cache) vs warm (cache hit) `turbo run build`, and the contract suite's wall time with
 * Prism's start included, against Prism's start alone as its baseline.
 */
export async function measureWorkflow(runs: number): Promise<Workflow> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const forced = seconds(turbo, ['run', 'build', '--force', '--output-logs=none']);
    const cached = seconds(turbo, ['run', 'build', '--output-logs=none']);
    if (!forced.ok || !cached.ok) throw new Error('turbo run build failed');
    cold.push(forced.seconds);
    warm.push(cached.seconds);
  }
  const prism: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const handle = await startPrism();
    prism.push((performance.now() - started) / 1000);
    await handle.stop();
  }
  const suite: number[] = [];
  let passed = true;
  for (let i = 0; i < runs; i++) {
    const run = seconds(`${repoRoot}node_modules/.bin/pnpm`, [
      '--filter',
      '@rtk-sessions/contract-tests',
      'test',
    ]);
    suite.push(run.seconds);
    passed &&= run.ok;
  }
  return {
    coldBuild: summarize(cold),
    warmBuild: summarize(warm),
    prismStart: summarize(prism),
    contractSuite: summarize(suite),
    contractSuitePassed: passed,
  };
}
