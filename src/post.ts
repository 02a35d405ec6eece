// The post step (post-if: cancelled()): when the job was cancelled and the main step
// could not cancel the task it was following (it was killed first), cancel it now.
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from './cancel.js'
import { getInputs } from './inputs.js'
import {
  actionsLogger,
  errorMessage,
  scrubbingLogger,
  untrusted,
  type Logger
} from './log.js'
import { workflowKind } from './operations/task-ref.js'
import { loadTrackedTask } from './post-state.js'
import { createZadigClient } from './connection.js'
import { isTerminal } from './zadig/status.js'

/** Entry point of the post step. Never fails the job. */
export async function runPost(
  deps: { fetch?: typeof fetch; log?: Logger } = {}
): Promise<void> {
  const log = scrubbingLogger(deps.log ?? actionsLogger)
  const tracked = loadTrackedTask()
  if (!tracked || tracked.done) return
  try {
    const { inputs } = await getInputs()
    if (!inputs.cancelOnAbort) return
    const client = createZadigClient(inputs, log, {
      fetch: deps.fetch,
      timeoutMs: ABORT_CANCEL_BUDGET_MS
    })
    const { taskId } = tracked
    const task = workflowKind(client, inputs).task(tracked.workflowKey, taskId)
    const snapshot = await task.read()
    if (isTerminal(snapshot.status)) {
      log.info(`Task #${taskId} already ended (${untrusted(snapshot.status)}).`)
      return
    }
    await cancelWithin(
      signal => task.cancel(signal),
      ABORT_CANCEL_BUDGET_MS,
      log,
      `task #${taskId} (the job was cancelled)`
    )
  } catch (err) {
    log.warning(
      `Could not check task #${tracked.taskId} after the job was cancelled: ${errorMessage(err)}`
    )
  }
}
