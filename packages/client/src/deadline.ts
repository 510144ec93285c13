/**
 * One attempt's signal: aborts when the caller's signal aborts or when `timeoutMs` passes, whichever is first.
 * `dispose()` clears the timer and the listener so nothing outlives the attempt.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly timedOut: () => boolean;
  /** Restarts the timer: used while streaming, so the timeout bounds each wait, not the whole download. */
  readonly touch: () => void;
  readonly dispose: () => void;
}

export function createDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
  };
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else {
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    arm();
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    touch: () => {
      if (!controller.signal.aborted) arm();
    },
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
