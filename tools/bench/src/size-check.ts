/**
 * The size budget of the test command: the core client, bundled for the browser and minified, must stay within
 * 6 KiB gzipped (an app calling all nine operations). A budget, not a timing: sizes are deterministic.
 */
import { bundleSize } from './bundle-size.js';

const BUDGET_GZIP = 6 * 1024;
const size = await bundleSize('our client (core)', 'browser');
const verdict = size.gzip <= BUDGET_GZIP ? 'within' : 'OVER';
console.log(
  `core client (all nine operations, browser, minified): ${size.minified} B, ${size.gzip} B gzip, ` +
    `${size.brotli} B brotli — ${verdict} the ${BUDGET_GZIP} B gzip budget`,
);
if (size.gzip > BUDGET_GZIP) process.exitCode = 1;
