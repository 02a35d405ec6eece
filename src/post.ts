// The post step (post-if: cancelled()): when the job was cancelled and the main step
// could not cancel the task it was following or starting (it was killed first), cancel
// it now. A trigger still in flight is found the way a lost answer is: a new task by the
// token's user that carries what was sent (src/operations/trigger-recovery.ts).
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from './cancel.js'
import { systemClock, type Clock } from './clock.js'
import { getInputs } from './inputs.js'
import {
  actionsLogger,
  errorMessage,
  scrubbingLogger,
  untrusted,
  type Logger
} from './log.js'
import type { TrackedTask } from './operations/context.js'
import { workflowKind, type WorkflowKind } from './operations/task-ref.js'
import { ABORT_FIND_BUDGET_MS, findWithin } from './operations/trigger-send.js'
import { loadTrackedTask } from './post-state.js'
import { createZadigClient } from './connection.js'
import { isTerminal } from './zadig/status.js'

/** Entry point of the post step. Never fails the job. */
export async function runPost(
  deps: { fetch?: typeof fetch; log?: Logger; clock?: Clock } = {}
): Promise<void> {
  const log = scrubbingLogger(deps.log ?? actionsLogger)
  const tracked = loadTrackedTask()
  if (!tracked || tracked.done) return
  const what =
    tracked.taskId === undefined
      ? 'the task the trigger may have started'
      : `task #${tracked.taskId}`
  try {
    const { inputs } = await getInputs()
    if (!inputs.cancelOnAbort) return
    const client = createZadigClient(inputs, log, {
      fetch: deps.fetch,
      timeoutMs: ABORT_CANCEL_BUDGET_MS
    })
    const kind = workflowKind(client, inputs)
    const taskId = await taskOf(tracked, kind, {
      clock: deps.clock ?? systemClock,
      log
    })
    if (taskId === undefined) return
    const task = kind.task(tracked.workflowKey, taskId)
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
      `Could not check ${what} after the job was cancelled: ${errorMessage(err)}`
    )
  }
}

// The task id the main step saved, or the one its trigger started, found now.
async function taskOf(
  tracked: TrackedTask,
  kind: WorkflowKind,
  deps: { clock: Clock; log: Logger }
): Promise<number | undefined> {
  if (tracked.taskId !== undefined) return tracked.taskId
  if (!tracked.trigger) return undefined
  const lookup = { kind, workflow: tracked.workflowKey }
  const found = await findWithin(
    lookup,
    tracked.trigger,
    deps,
    ABORT_FIND_BUDGET_MS
  )
  if (typeof found === 'number') return found
  deps.log.warning(
    `The job was cancelled while a trigger of ${tracked.workflowKey} was in flight, and ${found} Check the workflow's task list in ZadigX.`
  )
  return undefined
}
