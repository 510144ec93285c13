#!/usr/bin/env -S node --import tsx
// Usage: tsx src/cli.ts <baseline.json> <head.json>
// Exit 0: no break, or breaks allowed by a major bump. Exit 1: breaks without a major bump. Exit 2: bad input.
import { diffSpecs } from './diff.js';
import { InputError } from './errors.js';
import { loadSpec, majorOf } from './load.js';

function run(args: readonly string[]): number {
  const [basePath, headPath] = args;
  if (basePath === undefined || headPath === undefined || args.length !== 2) {
    console.error('usage: breaking-check <baseline.json> <head.json>');
    return 2;
  }
  const base = loadSpec(basePath);
  const head = loadSpec(headPath);
  const baseMajor = majorOf(base.info.version);
  const headMajor = majorOf(head.info.version);
  if (baseMajor === undefined || headMajor === undefined) {
    throw new InputError(
      `info.version must start with a major number (got "${base.info.version}" and "${head.info.version}")`,
    );
  }

  const { breaking, notes } = diffSpecs(base, head);
  for (const note of notes) console.log(`note: ${note.kind} at ${note.location}: ${note.message}`);
  for (const change of breaking)
    console.log(`BREAKING: ${change.kind} at ${change.location}: ${change.message}`);

  const versions = `${base.info.version} -> ${head.info.version}`;
  if (breaking.length === 0) {
    console.log('no breaking changes');
    return 0;
  }
  if (headMajor > baseMajor) {
    console.log(`${breaking.length} breaking changes allowed by major bump ${versions}`);
    return 0;
  }
  console.error(
    `${breaking.length} breaking changes without a major version bump (${versions}): ` +
      'restore compatibility or bump info.version to the next major',
  );
  return 1;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(`breaking-check: ${error.message}`);
  process.exitCode = 2;
}
