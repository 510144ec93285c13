#!/usr/bin/env node
// The docs test drives Debian's Chromium (never a downloaded browser). Install it when it is missing and we
// can (root with apt-get, as on CI); otherwise say exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`Chromium not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install -y chromium)`);
  console.error('or set CHROMIUM_PATH to a Chromium binary. The docs test needs it.');
  process.exit(1);
}
console.log('Installing Debian chromium for the docs test (apt-get)...');
const apt = (args) =>
  execFileSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
apt(['update', '-qq']);
apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
