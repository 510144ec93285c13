import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDoc } from '../src/diff.js';
import { at, baseSpec, DETAILS } from './fixture.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a real node process, the way `pnpm check` does. */
function runCli(...args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      { cwd: packageDir },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

let dir = '';
async function writeSpec(name: string, doc: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
}

function withoutDetails(version: string): OpenApiDoc {
  const head = baseSpec();
  head.info.version = version;
  delete at(head, 'paths', DETAILS).get;
  return head;
}

describe('breaking-check CLI', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'breaking-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 and says so when nothing changed', async () => {
    const base = await writeSpec('base.json', baseSpec());
    const outcome = await runCli(base, base);
    expect(outcome).toMatchObject({ code: 0, stdout: 'no breaking changes\n' });
  });

  it('exits 1 on a break without a major bump, naming the break', async () => {
    const base = await writeSpec('base.json', baseSpec());
    const head = await writeSpec('minor.json', withoutDetails('1.1.0'));
    const outcome = await runCli(base, head);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(`BREAKING: operation-removed at GET ${DETAILS}: operation removed`);
    expect(outcome.stderr).toContain('1 breaking changes without a major version bump (1.0.0 -> 1.1.0)');
  });

  it('exits 0 on the same break with a major bump', async () => {
    const base = await writeSpec('base.json', baseSpec());
    const head = await writeSpec('major.json', withoutDetails('2.0.0'));
    const outcome = await runCli(base, head);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('1 breaking changes allowed by major bump 1.0.0 -> 2.0.0');
  });

  it('exits 2 on a missing file', async () => {
    const base = await writeSpec('base.json', baseSpec());
    const outcome = await runCli(base, join(dir, 'absent.json'));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/cannot read .*absent\.json/);
  });

  it('exits 2 on a file that is not an OpenAPI document', async () => {
    const base = await writeSpec('base.json', baseSpec());
    const notJson = await writeSpec('broken.json', '{"openapi": ');
    const notOpenApi = await writeSpec('other.json', { swagger: '2.0', info: { version: '1' } });
    expect(await runCli(base, notJson)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not JSON'),
    });
    const outcome = await runCli(notOpenApi, base);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('is not an OpenAPI 3.x document');
  });

  it('exits 2 on a broken $ref', async () => {
    const head = baseSpec();
    at(head, 'components', 'schemas', 'Session', 'properties').id = { $ref: '#/components/schemas/Gone' };
    const outcome = await runCli(await writeSpec('base.json', baseSpec()), await writeSpec('ref.json', head));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('$ref "#/components/schemas/Gone" points at nothing');
  });
});
