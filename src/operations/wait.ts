// operation: wait — follow an existing task to its end (custom or product workflow).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes } from './define.js'
import { followTask } from '../follow/task.js'
import {
  loadTask,
  ON_CUSTOM_TASK,
  ON_PRODUCT_TASK,
  type TaskDeps
} from './task-load.js'

/** operation: wait — follow an existing task to its end. */
export const waitOperation = defineOperation({
  name: 'wait',
  ...ON_CUSTOM_TASK,
  passes: passes.whenFollowed,
  run: waitFor
})

/** operation: wait (product). */
export const productWaitOperation = defineOperation({
  name: 'wait',
  ...ON_PRODUCT_TASK,
  passes: passes.whenFollowed,
  run: waitFor
})

async function waitFor(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { ref } = await loadTask(deps, state)
  deps.log.info(`Following task #${state.taskId}: ${state.taskUrl}`)
  return followTask(deps, state, ref)
}
