import fc from 'fast-check';
import { expect } from 'vitest';
import { SessionsApiError } from '../../src/index.js';
import { FUZZ_SEED } from './arbitraries.js';

/**
 * Runs an async property with the shared seed and prints how many runs it made, so the log shows what a green
 * result is worth. Throws fast-check's report (seed, path, counterexample) on failure.
 */
export async function checkProperty<T>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>,
  numRuns: number,
): Promise<void> {
  const details = await fc.check(property, { seed: FUZZ_SEED, numRuns });
  console.log(
    `[fuzz] ${name}: ${details.numRuns} runs, seed ${FUZZ_SEED}${details.failed ? ', FAILED' : ''}`,
  );
  if (!details.failed) return;
  const cause = details.errorInstance;
  const reason = cause instanceof Error ? cause.message : String(cause);
  throw new Error(`${fc.defaultReportMessage(details) ?? `${name} failed`}\nError: ${reason}`, { cause });
}

/** Collects unhandled rejections while a property runs; the test asserts the list is empty. */
export function watchUnhandledRejections(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}

/** A call the client had to refuse: a typed `invalid_request`, and nothing reached the server. */
export function expectRefusedBeforeSending(
  outcome: unknown,
  requestsBefore: number,
  requestsNow: number,
): void {
  expect(outcome).toBeInstanceOf(SessionsApiError);
  expect(outcome).toMatchObject({ kind: 'invalid_request', status: 0 });
  expect(requestsNow).toBe(requestsBefore);
}
