import { defineConfig } from 'tsup';

export default defineConfig({
  // The core client and the CSV download helpers are separate entries, so importing the client never
  // pulls in the CSV parser.
  entry: { index: 'src/index.ts', downloads: 'src/downloads.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['openapi-fetch', 'csv-parse'],
});
