import { createSessionsClient } from '@rtk-sessions/client';
import Cloudflare from 'cloudflare';
import { startBenchServer } from './server.js';
import { type Summary, summarize } from './stats.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const APP = '2e6f0f5b-0d6a-4c7e-9c3f-6b1d2a8e4f10';
const TOKEN = 'bench-token';

type Call = () => Promise<unknown>;
export type Variant = 'raw fetch' | 'our client' | 'cloudflare SDK';
export interface PerCall {
  sequential: Record<Variant, Summary>;
  concurrent: Record<Variant, { latency: Summary; callsPerSecond: number; seconds: number }>;
}

function variants(url: string): Record<Variant, Call> {
  const ours = createSessionsClient({ apiToken: TOKEN, baseUrl: url, accountId: ACCOUNT });
  const official = new Cloudflare({ apiToken: TOKEN, baseURL: url, maxRetries: 0 });
  const target = `${url}/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;
  return {
    'raw fetch': async () => (await fetch(target, { headers: { authorization: `Bearer ${TOKEN}` } })).json(),
    'our client': () => ours.getSessions(APP),
    'cloudflare SDK': () => official.realtimeKit.sessions.getSessions(APP, { account_id: ACCOUNT }),
  };
}

async function timed(call: Call, into: number[]): Promise<void> {
  const started = performance.now();
  await call();
  into.push(performance.now() - started);
}

/** `calls` sequential getSessions per variant, interleaved in blocks so that all see the same machine state. */
async function sequential(calls: Record<Variant, Call>, total: number): Promise<Record<Variant, Summary>> {
  const samples: Record<Variant, number[]> = { 'raw fetch': [], 'our client': [], 'cloudflare SDK': [] };
  const block = 100;
  for (let done = 0; done < total; done += block) {
    for (const [name, call] of Object.entries(calls) as Array<[Variant, Call]>) {
      for (let i = 0; i < block; i++) await timed(call, samples[name]);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])) as Record<
    Variant,
    Summary
  >;
}

/** `total` calls with 64 in flight at any time; throughput and per-call latency. */
async function concurrent(call: Call, total: number, inFlight = 64) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < total) await timed(call, latencies);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latency: summarize(latencies), callsPerSecond: total / seconds, seconds };
}

export async function measurePerCall(sequentialCalls: number, concurrentCalls: number): Promise<PerCall> {
  const server = await startBenchServer();
  try {
    const calls = variants(server.url);
    // Warm up connections and JIT for every variant.
    for (const call of Object.values(calls)) for (let i = 0; i < 200; i++) await call();
    const seq = await sequential(calls, sequentialCalls);
    const conc = {} as PerCall['concurrent'];
    // Three interleaved rounds; the round with the median throughput is kept for each variant.
    const rounds: Record<Variant, Array<Awaited<ReturnType<typeof concurrent>>>> = {
      'raw fetch': [],
      'our client': [],
      'cloudflare SDK': [],
    };
    for (let round = 0; round < 3; round++) {
      for (const [name, call] of Object.entries(calls) as Array<[Variant, Call]>) {
        rounds[name].push(await concurrent(call, concurrentCalls));
      }
    }
    for (const [name, results] of Object.entries(rounds) as Array<[Variant, (typeof rounds)[Variant]]>) {
      const sorted = [...results].sort((a, b) => a.callsPerSecond - b.callsPerSecond);
      const median = sorted[1] ?? sorted[0];
      if (median) conc[name] = median;
    }
    return { sequential: seq, concurrent: conc };
  } finally {
    await server.stop();
  }
}
