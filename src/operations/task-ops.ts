// operations on one existing custom-workflow task: wait, get-task, cancel, retry.
import { untrusted } from '../log.js'
import { findPendingApproval } from '../zadig/approval-gate.js'
import {
  RETRYABLE,
  isStatus,
  isTerminal,
  normalizeStatus,
  resultOf
} from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { defineOperation, passes, type InputsOf } from './define.js'
import { followTask } from '../follow/task.js'
import type { TaskRef } from './task-ref.js'

/** The inputs of an operation on one custom-workflow task. */
export type TaskInputs = InputsOf<'workflow' | 'taskId', 'project'>

type TaskDeps = OperationDeps<TaskInputs>

// Custom workflows are looked up by key alone (workflow keys are globally
// unique), so these work from workflow + task-id; the project only feeds links.
const ON_TASK = {
  workflowTypes: ['custom'],
  needs: ['workflow', 'taskId'],
  reads: ['project']
} as const

/** The task named by `task-id`, read once, with its link recorded in the state. */
export async function loadTask(
  deps: TaskDeps,
  state: OperationState
): Promise<{ ref: TaskRef; task: TaskDetail }> {
  const { inputs } = deps
  const ref = deps.kind.task(inputs.workflow, inputs.taskId)
  state.taskId = ref.taskId
  const task = await ref.read({ signal: deps.signal })
  state.task = task
  state.workflowName = task.workflow_name
  state.projectKey ||= ref.projectKey
  state.taskUrl = ref.url
  return { ref, task }
}

/** operation: wait — follow an existing task to its end. */
export const waitOperation = defineOperation({
  name: 'wait',
  ...ON_TASK,
  passes: passes.whenFollowed,
  run: waitFor
})

/** operation: get-task — one snapshot, no waiting. `data`: the task detail. */
export const getTaskOperation = defineOperation({
  name: 'get-task',
  ...ON_TASK,
  passes: passes.onAnyResult,
  run: getTask
})

/** operation: cancel — cancel a queued or running task; refuse one that has ended. */
export const cancelOperation = defineOperation({
  name: 'cancel',
  ...ON_TASK,
  passes: passes.onAnyResult,
  run: cancel
})

/** operation: retry — re-run a failed, timed-out, cancelled or rejected task (same id). */
export const retryOperation = defineOperation({
  name: 'retry',
  // Product workflows call it restart; either name runs this one on a custom workflow.
  aliases: ['restart'],
  ...ON_TASK,
  passes: passes.whenStartedOrFollowed,
  run: retry
})

async function waitFor(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { ref } = await loadTask(deps, state)
  deps.log.info(`Following task #${state.taskId}: ${state.taskUrl}`)
  return followTask(deps, state, ref)
}

// Never fails on the task's own result.
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

async function retry(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, log } = deps
  const { ref, task } = await loadTask(deps, state)
  const status = normalizeStatus(task.status)
  if (!RETRYABLE.has(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; ZadigX can only retry tasks that are failed, timeout, cancelled or reject.`
    )
  await ref.rerun()
  log.info(`Retry started for task #${task.task_id}: ${state.taskUrl}`)
  if (!inputs.wait) {
    state.task = await ref.read()
    return { result: 'running' }
  }
  return followTask(deps, state, ref)
}
