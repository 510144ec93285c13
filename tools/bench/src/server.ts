import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fixture } from './paths.js';

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the benchmark API server in a child process and waits for its port. */
export async function startBenchServer(): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, [fixture('server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
