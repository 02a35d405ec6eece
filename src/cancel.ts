// Cancellation: a cancelled GitHub job must not leave its ZadigX task running.
// The runner sends SIGINT, then SIGTERM 7.5 s later, then kills the process 2.5 s after
// that (some runners send SIGHUP instead, actions/runner#1309), so the action has a few
// seconds for one bounded cancel request.
import { errorMessage, type Logger } from './log.js'

/** Time allowed for the cancel request after the job is cancelled. */
export const ABORT_CANCEL_BUDGET_MS = 5000

// Signals that mean "the job is being cancelled".
const TERMINATION_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** Calls `handler` on the first termination signal; returns a function that uninstalls it. */
export function onTermination(
  handler: (signal: NodeJS.Signals) => void
): () => void {
  let fired = false
  const listener = (signal: NodeJS.Signals): void => {
    if (fired) return
    fired = true
    handler(signal)
  }
  for (const signal of TERMINATION_SIGNALS) process.on(signal, listener)
  return () => {
    for (const signal of TERMINATION_SIGNALS) process.off(signal, listener)
  }
}

/**
 * Runs the main step with a signal that aborts on the first termination signal, so the
 * task it follows is cancelled in ZadigX. Says whether the step passed and was stopped.
 */
export async function runUntilTerminated(
  step: (signal: AbortSignal) => Promise<boolean>
): Promise<{ passed: boolean; stopped: boolean }> {
  const controller = new AbortController()
  const uninstall = onTermination(signal => {
    process.stdout.write(`Received ${signal}: the job is being cancelled.\n`)
    controller.abort()
  })
  try {
    const passed = await step(controller.signal)
    return { passed, stopped: controller.signal.aborted }
  } finally {
    uninstall()
  }
}

/**
 * Runs one cancel call, aborted after `budgetMs`. Returns whether it succeeded;
 * never throws (the step is ending either way), but says what happened.
 */
export async function cancelWithin(
  cancel: (signal: AbortSignal) => Promise<void>,
  budgetMs: number,
  log: Logger,
  what: string
): Promise<boolean> {
  try {
    await cancel(AbortSignal.timeout(budgetMs))
    log.info(`Cancelled ${what} in ZadigX.`)
    return true
  } catch (err) {
    log.warning(
      `Could not cancel ${what} in ZadigX: ${errorMessage(err)}. Cancel it in the ZadigX UI.`
    )
    return false
  }
}
