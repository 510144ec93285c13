/** Values the global setup (main process) hands to the test files (workers) through provide/inject. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Prism mock origin, or the real server's base URL. */
    contractBaseUrl: string;
    /** Origin of the Prism started with --dynamic --seed 1; null against a real server. */
    dynamicBaseUrl: string | null;
  }
}

export {};
