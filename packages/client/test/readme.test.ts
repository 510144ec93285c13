import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

it('the README has an example for each feature', () => {
  // methods, raw client, pagination, downloads, errors and retries
  expect(examples.length).toBeGreaterThanOrEqual(5);
});

it('every README example compiles against the built package, in strict mode', () => {
  // Written inside the package so that `@rtk-sessions/client` resolves to its own build, as for a user.
  const dir = `${packageDir}.readme-examples`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  try {
    for (const [i, code] of examples.entries())
      writeFileSync(`${dir}/example-${i + 1}.ts`, `${code}\nexport {};\n`);
    writeFileSync(
      `${dir}/tsconfig.json`,
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { noUnusedLocals: false },
        include: ['*.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', `${dir}/tsconfig.json`], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout = '' } = error as { stdout?: string };
    expect.fail(`README examples do not compile:\n${stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
