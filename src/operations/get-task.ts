// operation: get-task — one snapshot of a task, no waiting; never fails on the task's
// own result. `data`: the task detail.
import { untrusted } from '../log.js'
import { findPendingApproval } from '../zadig/approval-gate.js'
import { resultOf } from '../zadig/status.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes } from './define.js'
import {
  loadTask,
  ON_CUSTOM_TASK,
  ON_PRODUCT_TASK,
  type TaskDeps
} from './task-load.js'

/** operation: get-task — one snapshot, no waiting. `data`: the task detail. */
export const getTaskOperation = defineOperation({
  name: 'get-task',
  ...ON_CUSTOM_TASK,
  passes: passes.onAnyResult,
  run: getTask
})

/** operation: get-task (product). `data`: the task detail (status only: no stages). */
export const productGetTaskOperation = defineOperation({
  name: 'get-task',
  ...ON_PRODUCT_TASK,
  passes: passes.onAnyResult,
  run: getTask
})

async function getTask(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { task } = await loadTask(deps, state)
  state.data = task
  const pendingApproval = findPendingApproval(task)
  const result = pendingApproval ? 'waiting-approval' : resultOf(task.status)
  deps.log.info(
    `Task #${task.task_id} is ${untrusted(task.status || 'unknown')} (${result}): ${state.taskUrl}`
  )
  return { result, pendingApproval }
}
