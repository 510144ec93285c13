import { fileURLToPath } from 'node:url';

/** The bench package: child processes run here so that `@rtk-sessions/client` and `cloudflare` resolve. */
export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
