/**
 * Process groups we started and have not stopped yet. If the host process exits or is interrupted
 * before `stop()` runs (Ctrl-C during a test run, a crash in a global setup), the groups are killed
 * here so no Prism is left listening.
 */
const liveGroups = new Set<number>();
const signals = ['SIGINT', 'SIGTERM'] as const;
let installed = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function killAllOnExit(): void {
  // 'exit' handlers must be synchronous: SIGKILL is the only signal that needs no waiting.
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  liveGroups.clear();
}

function killAllOnSignal(signal: NodeJS.Signals): void {
  for (const pid of liveGroups) killGroup(pid, 'SIGTERM');
  liveGroups.clear();
  // A listener suppresses Node's default "exit on signal". When nobody else (vitest, our CLI)
  // handles the signal, restore the default behaviour by re-raising it.
  if (process.listenerCount(signal) === 1) {
    uninstall();
    process.kill(process.pid, signal);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllOnExit);
  for (const signal of signals) process.on(signal, killAllOnSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', killAllOnExit);
  for (const signal of signals) process.off(signal, killAllOnSignal);
}

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
  install();
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0) uninstall();
}

export { killGroup };
