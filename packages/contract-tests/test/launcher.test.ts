import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrism } from '@rtk-sessions/mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundledSpecPath } from '../src/spec.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'contract-launcher-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// The launcher the suite stands on (tools/mock), checked with real Prism processes.
describe.concurrent('startPrism', () => {
  test('answers on a free 127.0.0.1 port and stop() ends the whole process group', async () => {
    const prism = await startPrism({ spec: bundledSpecPath });
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${prism.url}/no-such-route`);
    expect(response.status).toBe(404);
    expect(isAlive(prism.pid)).toBe(true);
    await prism.stop();
    expect(isAlive(prism.pid)).toBe(false);
    // Stopping twice is harmless.
    await prism.stop();
  });

  test('a spec Prism cannot read fails the start with Prism’s own output', async () => {
    const broken = join(scratch, 'broken.yaml');
    await writeFile(broken, 'openapi: 3.1.0\npaths: {{{\n');
    await expect(startPrism({ spec: broken })).rejects.toThrow(
      /Prism exited[\s\S]*Prism output \(tail\)[\s\S]*broken\.yaml/,
    );
  });

  test('a missing spec file is reported before spawning anything', async () => {
    await expect(startPrism({ spec: join(scratch, 'absent.json') })).rejects.toThrow(
      /spec not found at .*absent\.json/,
    );
  });

  test('a port that is already taken is reported with Prism’s EADDRINUSE', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startPrism({ spec: bundledSpecPath, port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  test('proxy mode without an upstream is refused', async () => {
    await expect(startPrism({ spec: bundledSpecPath, mode: 'proxy' })).rejects.toThrow(/needs an upstream/);
  });
});
