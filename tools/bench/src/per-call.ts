import { createSessionsClient } from '@rtk-sessions/client';
import Cloudflare from 'cloudflare';
import { startBenchServer } from './server.js';
import { type Summary, summarize } from './stats.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const APP = '2e6f0f5b-0d6a-4c7e-9c3f-6b1d2a8e4f10';
const TOKEN = 'bench-token';
const IN_FLIGHT = 64;

type Call = () => Promise<unknown>;
export const VARIANTS = ['raw fetch', 'our client', 'openapi-fetch', 'cloudflare SDK'] as const;
export type Variant = (typeof VARIANTS)[number];
export interface ConcurrentFigures {
  /** Per-call latency over every call of every round, ms. */
  latency: Summary;
  /** Throughput of each round, calls/s. */
  callsPerSecond: Summary;
  /**
   * CPU time of this (the client) process per call in each round, µs: the client's own cost, which the load of
   * other processes on a shared machine disturbs far less than wall-clock throughput.
   */
  cpuMicrosPerCall: Summary;
}
export interface PerCall {
  /** Per-call latency, ms. */
  sequential: Record<Variant, Summary>;
  concurrent: Record<Variant, ConcurrentFigures>;
  /**
   * Our throughput over the baseline's in the same round, one ratio per round: pairing the rounds cancels the
   * drift of a shared machine's load, which moves all variants alike.
   */
  concurrentRatio: { vsRawFetch: Summary; vsOfficialSdk: Summary };
}

function variants(url: string): Record<Variant, Call> {
  const ours = createSessionsClient({ apiToken: TOKEN, baseUrl: url, accountId: ACCOUNT });
  const official = new Cloudflare({ apiToken: TOKEN, baseURL: url, maxRetries: 0 });
  const target = `${url}/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;
  const headers = { authorization: `Bearer ${TOKEN}` };
  return {
    'raw fetch': async () => (await fetch(target, { headers })).json(),
    'our client': () => ours.getSessions(APP),
    // What our client is built on, alone: `client.raw` is openapi-fetch with only the auth middleware, no
    // retries, deadlines or error mapping. It shows which part of our overhead is the foundation's.
    'openapi-fetch': () =>
      ours.raw.GET('/accounts/{account_id}/realtime/kit/{app_id}/sessions', {
        params: { path: { account_id: ACCOUNT, app_id: APP } },
      }),
    'cloudflare SDK': () => official.realtimeKit.sessions.getSessions(APP, { account_id: ACCOUNT }),
  };
}

async function timed(call: Call, into: number[]): Promise<void> {
  const started = performance.now();
  await call();
  into.push(performance.now() - started);
}

const emptySamples = (): Record<Variant, number[]> => ({
  'raw fetch': [],
  'our client': [],
  'openapi-fetch': [],
  'cloudflare SDK': [],
});
const summarizeAll = (samples: Record<Variant, number[]>) =>
  Object.fromEntries(VARIANTS.map((name) => [name, summarize(samples[name])])) as Record<Variant, Summary>;

/** `total` sequential calls per variant, interleaved in blocks of 100 so that all see the same machine state. */
async function sequential(calls: Record<Variant, Call>, total: number): Promise<Record<Variant, Summary>> {
  const samples = emptySamples();
  const block = 100;
  for (let done = 0; done < total; done += block) {
    for (const name of VARIANTS) for (let i = 0; i < block; i++) await timed(calls[name], samples[name]);
  }
  return summarizeAll(samples);
}

/** `total` calls with IN_FLIGHT of them in flight at any time: throughput (calls/s) and CPU µs per call. */
async function concurrentRound(call: Call, total: number, latencies: number[]) {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < total) await timed(call, latencies);
    }),
  );
  const { user, system } = process.cpuUsage(cpu);
  return {
    callsPerSecond: total / ((performance.now() - started) / 1000),
    cpuMicros: (user + system) / total,
  };
}

/** `rounds` rounds of `total / rounds` calls per variant; the variants take turns going first. */
async function concurrent(calls: Record<Variant, Call>, total: number, rounds: number) {
  const latencies = emptySamples();
  const throughputs = emptySamples();
  const cpuMicros = emptySamples();
  const perRound = Math.ceil(total / rounds);
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < VARIANTS.length; turn++) {
      const name = VARIANTS[(round + turn) % VARIANTS.length] ?? 'raw fetch';
      const result = await concurrentRound(calls[name], perRound, latencies[name]);
      throughputs[name].push(result.callsPerSecond);
      cpuMicros[name].push(result.cpuMicros);
    }
  }
  const pairedRatios = (baseline: Variant) =>
    summarize(throughputs['our client'].map((ours, i) => ours / (throughputs[baseline][i] ?? Number.NaN)));
  const figures = Object.fromEntries(
    VARIANTS.map((name) => [
      name,
      {
        latency: summarize(latencies[name]),
        callsPerSecond: summarize(throughputs[name]),
        cpuMicrosPerCall: summarize(cpuMicros[name]),
      },
    ]),
  ) as Record<Variant, ConcurrentFigures>;
  return {
    figures,
    ratios: { vsRawFetch: pairedRatios('raw fetch'), vsOfficialSdk: pairedRatios('cloudflare SDK') },
  };
}

/**
 * getSessions against a minimal local server in its own process: ours vs raw fetch (same URL, same auth
 * header, JSON parsed) vs the official SDK without retries, and vs bare openapi-fetch (our foundation).
 */
export async function measurePerCall(
  sequentialCalls: number,
  concurrentCalls: number,
  concurrentRounds: number,
): Promise<PerCall> {
  const server = await startBenchServer();
  try {
    const calls = variants(server.url);
    // Warm-up: JIT, and a pool of IN_FLIGHT open keep-alive connections for every variant.
    for (const call of Object.values(calls)) {
      for (let i = 0; i < 200; i++) await call();
      await concurrentRound(call, 4 * IN_FLIGHT, []);
    }
    const seq = await sequential(calls, sequentialCalls);
    const conc = await concurrent(calls, concurrentCalls, concurrentRounds);
    return { sequential: seq, concurrent: conc.figures, concurrentRatio: conc.ratios };
  } finally {
    await server.stop();
  }
}
