import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSessionsClient, SessionsApiError, type SessionsClient } from '../src/index.js';
import { FUZZ_SEED } from './support/arbitraries.js';
import { type Answer, CALL_ID_HEADER, type FaultServer, startFaultServer } from './support/fault-server.js';
import { watchUnhandledRejections } from './support/fuzz.js';
import { activeHandles, settledHeapUsed } from './support/memory.js';
import { callOperation, OPERATIONS, type SpecOperation } from './support/operations.js';

// The policy under test: small numbers so 15 000 calls with faults finish in seconds. The timeout is 400 ms, not
// less: a major GC of this test's garbage or a busy neighbour on two cores can stall the loop past 200 ms, and
// a prompt answer would then time out, which is no fault of the client.
const TIMEOUT_MS = 400;
const MAX_ATTEMPTS = 4;
const MAX_DELAY_MS = 10;
const CONCURRENCY = 64;
const BOUNDED_CALLS = 10_000;
const UNBOUNDED_CALLS = 5_000;
/** Scheduling slack over each call's computed bound: 64 calls in flight share two cores with other workers. */
const SLACK_MS = 500;
/** Heap growth allowed from before the phases to after them, once collected: 15 000 leaked calls would exceed it. */
const HEAP_MARGIN_BYTES = 8 * 1024 * 1024;

const IDS = { account_id: 'acc', app_id: 'app', session_id: 's', participant_id: 'p', peer_id: 'peer' };

interface CallPlan {
  operation: SpecOperation;
  /** The server's answer to attempt 1, 2, ...; attempts past the end are answered 'ok'. */
  answers: Answer[];
}

const weighted = (entries: Array<[Answer, number]>) =>
  fc.oneof(...entries.map(([answer, weight]) => ({ arbitrary: fc.constant(answer), weight })));

// Retry-After: 1 is rare: each one holds a call for a whole second.
const RETRYABLE_GET = weighted([
  ['slow', 10],
  ['reset', 15],
  ['truncated', 15],
  ['429', 15],
  ['429-retry-after-0', 10],
  ['429-retry-after-1', 1],
  ['500-html', 10],
  ['502-html', 10],
  ['503-html', 10],
]);
const RETRYABLE_POST = weighted([
  ['429', 15],
  ['429-retry-after-0', 10],
  ['429-retry-after-1', 1],
]);
const ANY_ANSWER = fc.oneof(
  { arbitrary: fc.constant<Answer>('ok'), weight: 3 },
  { arbitrary: RETRYABLE_GET, weight: 4 },
  {
    arbitrary: weighted([
      ['invalid-json', 1],
      ['404', 1],
    ]),
    weight: 1,
  },
);

/** Phase 1: every call meets at most MAX_ATTEMPTS - 1 faults, all retryable for its method. */
const boundedPlan: fc.Arbitrary<CallPlan> = fc.constantFrom(...OPERATIONS).chain((operation) =>
  fc.integer({ min: 0, max: MAX_ATTEMPTS - 1 }).chain((faults) =>
    fc
      .array(operation.method === 'GET' ? RETRYABLE_GET : RETRYABLE_POST, {
        minLength: faults,
        maxLength: faults,
      })
      .map((answers) => ({ operation, answers: [...answers, 'ok' as const] })),
  ),
);

/** Phase 2: any answer at every attempt, non-retryable ones included; many calls must fail. */
const unboundedPlan: fc.Arbitrary<CallPlan> = fc
  .tuple(
    fc.constantFrom(...OPERATIONS),
    fc.array(ANY_ANSWER, { minLength: MAX_ATTEMPTS, maxLength: MAX_ATTEMPTS }),
  )
  .map(([operation, answers]) => ({ operation, answers }));

function isRetryable(method: 'GET' | 'POST', answer: Answer): boolean {
  if (answer.startsWith('429')) return true;
  if (method === 'POST' || answer === 'ok') return false;
  return answer !== 'invalid-json' && answer !== '404';
}

/** The error a call must end with when `answer` was its last attempt. */
function expectedFailure(answer: Answer): { kind: SessionsApiError['kind']; status?: number } {
  if (answer === 'slow') return { kind: 'timeout' };
  if (answer === 'reset' || answer === 'truncated') return { kind: 'network' };
  if (answer === 'invalid-json') return { kind: 'invalid_response', status: 200 };
  return { kind: 'http', status: Number(answer.slice(0, 3)) };
}

/** The longest a call may take by the policy: every attempt up to its timeout, every wait at its longest. */
function boundMs(history: Answer[], timeoutMs: number): number {
  let bound = history.length * timeoutMs;
  for (const answer of history.slice(0, -1)) {
    if (answer === '429-retry-after-1') bound += 1_000;
    else if (answer !== '429-retry-after-0') bound += MAX_DELAY_MS;
  }
  return bound;
}

interface PhaseReport {
  calls: number;
  attempts: number;
  successes: number;
  errors: Map<string, number>;
  /** Calls that broke a rule; the first few are described in `examples`. */
  unexpected: number;
  examples: string[];
  worstMarginMs: number;
  wallMs: number;
}

let server: FaultServer;
let plans: CallPlan[] = [];
let client: SessionsClient;
const rejections = watchUnhandledRejections();
const reports = new Map<string, PhaseReport>();
const baseline = { heap: 0, timers: 0, sockets: 0 };

async function runPhase(
  name: string,
  phasePlans: CallPlan[],
  bounded: boolean,
  timeoutMs = TIMEOUT_MS,
): Promise<PhaseReport> {
  plans = phasePlans;
  // Start from a collected heap, so no phase begins with a long pause for the previous one's garbage.
  await settledHeapUsed();
  const report: PhaseReport = {
    calls: 0,
    attempts: 0,
    successes: 0,
    errors: new Map(),
    unexpected: 0,
    examples: [],
    worstMarginMs: Number.NEGATIVE_INFINITY,
    wallMs: 0,
  };
  const problem = (index: number, what: string) => {
    report.unexpected++;
    if (report.examples.length < 20) report.examples.push(`${name} call ${index}: ${what}`);
  };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < phasePlans.length; index = next++) {
      const plan = phasePlans[index];
      if (!plan) break;
      const callId = `${name}-${index}`;
      const callStarted = performance.now();
      const outcome = await callOperation(
        client,
        plan.operation,
        IDS,
        {},
        { headers: { [CALL_ID_HEADER]: callId }, timeoutMs },
      )
        .then(() => undefined)
        .catch((error: unknown) => error ?? new Error('rejected with nothing'));
      const duration = performance.now() - callStarted;
      const history = server.takeHistory(callId);
      report.calls++;
      report.attempts += history.length;
      const bound = boundMs(history, timeoutMs);
      report.worstMarginMs = Math.max(report.worstMarginMs, duration - bound);
      if (duration > bound + SLACK_MS)
        problem(index, `took ${Math.round(duration)} ms, bound ${bound} ms (${history.join(',')})`);
      const last = history.at(-1);
      if (history.slice(0, -1).some((answer) => !isRetryable(plan.operation.method, answer)))
        problem(index, `retried after a final answer: ${history.join(',')}`);
      if (outcome === undefined) {
        report.successes++;
        if (last !== 'ok') problem(index, `succeeded but the last answer was ${last}`);
        continue;
      }
      if (!(outcome instanceof SessionsApiError)) {
        problem(index, `rejected with ${String(outcome)}`);
        continue;
      }
      report.errors.set(outcome.kind, (report.errors.get(outcome.kind) ?? 0) + 1);
      if (bounded)
        problem(index, `failed within its fault budget: ${outcome.message} (${history.join(',')})`);
      if (last === undefined || last === 'ok') {
        problem(index, `failed with ${outcome.kind} but the server answered ${history.join(',')}`);
        continue;
      }
      const expected = expectedFailure(last);
      if (
        outcome.kind !== expected.kind ||
        (expected.status !== undefined && outcome.status !== expected.status)
      )
        problem(index, `${outcome.kind} ${outcome.status} after ${history.join(',')}`);
      if (isRetryable(plan.operation.method, last) && history.length < MAX_ATTEMPTS)
        problem(index, `gave up after ${history.length} attempts on a retryable ${last}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  report.wallMs = performance.now() - started;
  reports.set(name, report);
  return report;
}

/** Waits (up to 10 s: idle keep-alive connections close after 1 s) until the server has no open socket. */
async function socketsClosed(): Promise<boolean> {
  for (const started = performance.now(); performance.now() - started < 10_000; ) {
    if (server.openSockets() === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  server = await startFaultServer(
    (callId, attempt) => plans[Number(callId.slice(callId.lastIndexOf('-') + 1))]?.answers[attempt] ?? 'ok',
  );
  client = createSessionsClient({
    apiToken: 'soak-token',
    baseUrl: server.url,
    timeoutMs: TIMEOUT_MS,
    retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1, maxDelayMs: MAX_DELAY_MS },
  });
  // Warm up (JIT, connection pool, lazily loaded modules) so the baseline is not the cold heap.
  const warmup = await runPhase(
    'warmup',
    fc.sample(boundedPlan, { seed: FUZZ_SEED + 1, numRuns: 500 }),
    true,
  );
  if (warmup.unexpected > 0) throw new Error(`warm-up failed: ${warmup.examples.join('; ')}`);
  if (!(await socketsClosed())) throw new Error('server sockets still open after the warm-up');
  plans = [];
  Object.assign(baseline, { heap: await settledHeapUsed(), ...activeHandles() });
}, 60_000);

afterAll(async () => {
  rejections.stop();
  await server?.close();
});

it(`${BOUNDED_CALLS} calls at ${CONCURRENCY} concurrency, each within its fault budget, all succeed in time`, async () => {
  const report = await runPhase(
    'bounded',
    fc.sample(boundedPlan, { seed: FUZZ_SEED, numRuns: BOUNDED_CALLS }),
    true,
  );
  expect(report.examples).toEqual([]);
  expect(report.successes).toBe(BOUNDED_CALLS);
  expect(report.attempts).toBeGreaterThan(BOUNDED_CALLS);
}, 60_000);

it(`${UNBOUNDED_CALLS} calls with unbounded faults fail only with the SessionsApiError their last answer implies`, async () => {
  const report = await runPhase(
    'unbounded',
    fc.sample(unboundedPlan, { seed: FUZZ_SEED, numRuns: UNBOUNDED_CALLS }),
    false,
  );
  expect(report.examples).toEqual([]);
  expect(report.successes).toBeGreaterThan(0);
  expect(report.calls - report.successes).toBeGreaterThan(0);
}, 60_000);

it('leaves no sockets, timers, unhandled rejections or retained memory behind', async () => {
  // With 60 s timeouts a deadline timer left behind by any call would still be running right after the batch.
  const quickPlans = fc.sample(
    boundedPlan.filter((plan) => !plan.answers.includes('slow')),
    { seed: FUZZ_SEED + 2, numRuns: 1_000 },
  );
  const longTimeouts = await runPhase('60s-timeouts', quickPlans, true, 60_000);
  expect(longTimeouts.examples).toEqual([]);
  const timersRightAfter = activeHandles().timers;
  plans = [];
  expect(await socketsClosed(), 'every server socket closed after the last call').toBe(true);
  const heap = await settledHeapUsed();
  const handles = activeHandles();
  printReport(heap, { ...handles, timersRightAfter });
  expect(rejections.seen).toEqual([]);
  expect(handles.sockets).toBeLessThanOrEqual(baseline.sockets);
  expect(timersRightAfter).toBeLessThanOrEqual(baseline.timers);
  expect(handles.timers).toBeLessThanOrEqual(baseline.timers);
  expect(heap - baseline.heap).toBeLessThan(HEAP_MARGIN_BYTES);
}, 30_000);

function printReport(
  heap: number,
  handles: { timers: number; sockets: number; timersRightAfter: number },
): void {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const rows = [...reports.entries()].map(([phase, r]) => ({
    phase,
    calls: r.calls,
    attempts: r.attempts,
    retries: r.attempts - r.calls,
    successes: r.successes,
    'typed errors': [...r.errors.entries()].map(([kind, n]) => `${kind}:${n}`).join(' ') || '0',
    unexpected: r.unexpected,
    'worst (duration - bound)': `${Math.round(r.worstMarginMs)} ms`,
    wall: `${(r.wallMs / 1000).toFixed(1)} s`,
  }));
  const faults = [...server.served.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log(
    [
      `[soak] policy: timeout ${TIMEOUT_MS} ms, ${MAX_ATTEMPTS} attempts, backoff <= ${MAX_DELAY_MS} ms, ` +
        `concurrency ${CONCURRENCY}, slack ${SLACK_MS} ms, seed ${FUZZ_SEED}`,
      `[soak] answers served (all phases): ${faults.map(([answer, n]) => `${answer}=${n}`).join(' ')}`,
      `[soak] heap after gc: ${mb(baseline.heap)} -> ${mb(heap)} (margin ${mb(HEAP_MARGIN_BYTES)}); ` +
        `timers ${baseline.timers} -> ${handles.timersRightAfter} (right after the 60 s-timeout batch) -> ` +
        `${handles.timers}; sockets ${baseline.sockets} -> ${handles.sockets}; ` +
        `unhandled rejections ${rejections.seen.length}`,
    ].join('\n'),
  );
  console.table(rows);
}
