import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchDir, fixture } from './paths.js';

export type Platform = 'browser' | 'node';
export interface BundleSize {
  minified: number;
  gzip: number;
  brotli: number;
}

export const APPS = {
  'our client (core)': 'app-ours.ts',
  'our download helpers': 'app-downloads.ts',
  'cloudflare SDK': 'app-cloudflare.ts',
} as const;
export type AppName = keyof typeof APPS;

/** esbuild bundle, minified ESM, of one fixture app; sizes in bytes. */
export async function bundleSize(app: AppName, platform: Platform): Promise<BundleSize> {
  const result = await build({
    entryPoints: [fixture(APPS[app])],
    absWorkingDir: benchDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    // csv-parse/stream imports node:stream/web; browsers have the same classes as globals.
    ...(platform === 'browser' ? { alias: { 'node:stream/web': fixture('web-streams.ts') } } : {}),
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

export type BundleSizes = Record<AppName, Record<Platform, BundleSize>>;

/** Every fixture app, for the browser and for Node. */
export async function measureBundleSizes(): Promise<BundleSizes> {
  const sizes = {} as BundleSizes;
  for (const app of Object.keys(APPS) as AppName[]) {
    sizes[app] = { browser: await bundleSize(app, 'browser'), node: await bundleSize(app, 'node') };
  }
  return sizes;
}
