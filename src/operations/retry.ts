// operation: retry (custom workflows) and restart (product workflows) — re-run a task
// that ended without passing, under the same task id; each name is the other's alias.
import { untrusted } from '../log.js'
import {
  NOT_RESTARTABLE,
  RETRYABLE,
  isTerminal,
  normalizeStatus
} from '../zadig/status.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes } from './define.js'
import { followTask } from '../follow/task.js'
import {
  loadTask,
  ON_CUSTOM_TASK,
  ON_PRODUCT_TASK,
  type TaskDeps
} from './task-load.js'

/** operation: retry — re-run a failed, timed-out, cancelled or rejected task (same id). */
export const retryOperation = defineOperation({
  name: 'retry',
  // Product workflows call it restart; either name runs this one on a custom workflow.
  aliases: ['restart'],
  ...ON_CUSTOM_TASK,
  passes: passes.whenStartedOrFollowed,
  run: (deps, state) =>
    rerun(deps, state, status =>
      RETRYABLE.has(status)
        ? undefined
        : 'ZadigX can only retry tasks that are failed, timeout, cancelled or reject.'
    )
})

/** operation: restart (product) — re-runs a task that ended without passing. */
export const productRestartOperation = defineOperation({
  name: 'restart',
  // Custom workflows call it retry; either name runs this one on a product workflow.
  aliases: ['retry'],
  ...ON_PRODUCT_TASK,
  passes: passes.whenStartedOrFollowed,
  run: (deps, state) =>
    rerun(deps, state, status =>
      NOT_RESTARTABLE.has(status) || !isTerminal(status)
        ? 'only a product-workflow task that has ended without passing (failed, timeout, cancelled, reject) can be restarted.'
        : undefined
    )
})

// `refusal` says why a task in this status cannot run again, or nothing.
async function rerun(
  deps: TaskDeps,
  state: OperationState,
  refusal: (status: string) => string | undefined
): Promise<OperationOutcome> {
  const { inputs, log } = deps
  const { ref, task } = await loadTask(deps, state)
  const status = normalizeStatus(task.status)
  const why = refusal(status)
  if (why)
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; ${why}`
    )
  await ref.rerun()
  log.info(`Started task #${task.task_id} again: ${state.taskUrl}`)
  if (!inputs.wait) {
    state.task = await ref.read()
    return { result: 'running' }
  }
  return followTask(deps, state, ref)
}
