import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A real `gc()` inside the vitest worker without restarting it with --expose-gc: the flag is set at run time
 * and a fresh context picks the function up (the documented effect of --expose-gc on new contexts).
 */
function acquireGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('could not obtain gc()');
  return gc as () => void;
}

const gc = acquireGc();

/** Heap in use after full collections, in bytes (several passes: weak references and finalizers settle). */
export async function settledHeapUsed(): Promise<number> {
  for (let pass = 0; pass < 4; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** Counts of the resources that would keep a process alive after a client is done with its calls. */
export function activeHandles(): { timers: number; sockets: number } {
  const resources = process.getActiveResourcesInfo();
  return {
    timers: resources.filter((name) => name === 'Timeout').length,
    sockets: resources.filter((name) => name === 'TCPSocketWrap').length,
  };
}
