// The signal of one call: its timeout, or the caller's signal, whichever comes
// first. `AbortSignal.any` would do, but on Node 20 every composite stays
// referenced from the caller's long-lived signal (about 1.3 KB a request over a
// wait of hours); this one lets go of both when the call ends.

/** A signal for one call, and `clear()` to call when the call has ended. */
export interface CallSignal {
  signal: AbortSignal
  clear(): void
}

/**
 * Aborts after `timeoutMs` with a `TimeoutError` (as `AbortSignal.timeout`
 * does) or with `outer`'s reason when it aborts first.
 */
export function callSignal(timeoutMs: number, outer?: AbortSignal): CallSignal {
  const controller = new AbortController()
  const onAbort = () => controller.abort(outer?.reason)
  const timer = setTimeout(() => {
    const reason = new DOMException(
      'The operation was aborted due to timeout',
      'TimeoutError'
    )
    controller.abort(reason)
  }, timeoutMs)
  // Like AbortSignal.timeout: a pending timer alone does not keep Node running.
  timer.unref()
  if (outer?.aborted) onAbort()
  else outer?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onAbort)
    }
  }
}
