import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import { isRecord } from './refs.js';
import type { OpenApiDoc } from './types.js';

export function loadSpec(path: string): OpenApiDoc {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(parsed) || typeof parsed.openapi !== 'string' || !parsed.openapi.startsWith('3.')) {
    throw new InputError(`${path} is not an OpenAPI 3.x document (no "openapi": "3.x" field)`);
  }
  if (!isRecord(parsed.info) || typeof parsed.info.version !== 'string') {
    throw new InputError(`${path} has no info.version string`);
  }
  if (parsed.paths !== undefined && !isRecord(parsed.paths)) {
    throw new InputError(`${path} has a "paths" field that is not an object`);
  }
  return parsed as OpenApiDoc;
}

/** The major number of a semver-like `info.version` (`1.2.3`, `v2`, `1.0.0-beta.1`). */
export function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)(\.|-|$)/.exec(version.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
