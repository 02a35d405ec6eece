// operation: cancel — cancel a queued or running task (custom or product workflow);
// a task that has ended is left alone.
import { untrusted } from '../log.js'
import { isStatus, isTerminal, resultOf } from '../zadig/status.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes } from './define.js'
import {
  loadTask,
  ON_CUSTOM_TASK,
  ON_PRODUCT_TASK,
  type TaskDeps
} from './task-load.js'

/** operation: cancel — cancel a queued or running task; refuse one that has ended. */
export const cancelOperation = defineOperation({
  name: 'cancel',
  ...ON_CUSTOM_TASK,
  passes: passes.onAnyResult,
  run: cancel
})

/** operation: cancel (product) — through the legacy directory API. */
export const productCancelOperation = defineOperation({
  name: 'cancel',
  ...ON_PRODUCT_TASK,
  passes: passes.onAnyResult,
  run: cancel
})

async function cancel(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { log } = deps
  const { ref, task } = await loadTask(deps, state)
  if (isTerminal(task.status)) {
    // Cancelling a failed/timeout/reject task would overwrite its status (docs/zadigx-api.md#cancel-task).
    log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it (ZadigX would overwrite its status with "cancelled").`
    )
    return { result: resultOf(task.status) }
  }
  await ref.cancel()
  log.info(`Cancel requested for task #${task.task_id}: ${state.taskUrl}`)
  const after = await ref.read()
  state.task = after
  const cancelled = isStatus(after.status, 'cancelled')
  return {
    result: cancelled ? 'cancelled' : resultOf(after.status),
    message: cancelled
      ? undefined
      : `ZadigX accepted the cancel; the task is ${untrusted(after.status)} for now.`
  }
}
