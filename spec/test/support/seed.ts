import { readFileSync } from 'node:fs';
import { seedPath } from './openapi.js';

export interface SeedExample {
  /** The SDK method whose example precedes the JSON block, e.g. `getSessions`. */
  method: string;
  value: unknown;
}

/**
 * The ```json response examples of the API reference, in order. Each belongs to the SDK call
 * (`client.realtimeKit.sessions.<method>(`) shown just before it; the method names are our operationIds.
 */
export function readSeedExamples(): SeedExample[] {
  const seed = readFileSync(seedPath, 'utf8');
  const examples: SeedExample[] = [];
  for (const block of seed.matchAll(/```json\s([\s\S]*?)\s```/g)) {
    const before = seed.slice(0, block.index);
    const calls = [...before.matchAll(/client\.realtimeKit\.sessions\.(\w+)\(/g)];
    const method = calls.at(-1)?.[1];
    if (!method || block[1] === undefined) throw new Error(`No SDK call before JSON block at ${block.index}`);
    examples.push({ method, value: JSON.parse(block[1]) });
  }
  return examples;
}
