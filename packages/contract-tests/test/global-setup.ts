import { type PrismHandle, startPrism } from '@rtk-sessions/mock';
import type { TestProject } from 'vitest/node';
import '../src/context.js';
import { bundledSpecPath } from '../src/spec.js';
import { realServerConfig } from '../src/target.js';

/**
 * Starts two Prisms on the bundled spec (static examples, and --dynamic --seed 1), both with --errors so a spec
 * example that breaks its own schema fails the call. Returns the teardown vitest runs after the last file, also
 * when tests fail; on Ctrl-C the mock package's signal handlers kill the Prism process groups.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const real = realServerConfig();
  if (real !== undefined) {
    project.provide('contractBaseUrl', real.baseUrl);
    project.provide('dynamicBaseUrl', null);
    return undefined;
  }
  const started = await Promise.allSettled([
    startPrism({ spec: bundledSpecPath, errors: true }),
    startPrism({ spec: bundledSpecPath, errors: true, dynamic: true, seed: 1 }),
  ]);
  const handles = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(handles.map((h: PrismHandle) => h.stop()));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) {
    await stopAll();
    throw failed.reason;
  }
  const [mock, dynamic] = handles;
  if (mock === undefined || dynamic === undefined) throw new Error('Prism did not start');
  project.provide('contractBaseUrl', mock.url);
  project.provide('dynamicBaseUrl', dynamic.url);
  return stopAll;
}
