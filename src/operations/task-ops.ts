// operations on one existing custom-workflow task: wait, get-task, cancel, retry.
import { untrusted } from '../log.js'
import { taskUrl } from '../zadig/links.js'
import { findPendingApproval } from '../zadig/approval-gate.js'
import { isTerminal, normalizeStatus, resultOf } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { defineOperation, passes, type InputsOf } from './define.js'
import { followTask } from './follow.js'

/** Statuses ZadigX can retry (docs/zadigx-api.md#retry-task). */
const RETRYABLE = new Set(['failed', 'timeout', 'cancelled', 'reject'])

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

/** Reads the task named by `task-id` and records it (and its link) in the state. */
export async function loadTask(
  deps: TaskDeps,
  state: OperationState
): Promise<TaskDetail> {
  const { inputs, client } = deps
  const taskId = inputs.taskId
  state.taskId = taskId
  const task = await client.getTask(inputs.workflow, taskId, deps.signal)
  state.task = task
  state.workflowName = task.workflow_name
  state.projectKey ||= task.project_key
  state.taskUrl = taskUrl(
    inputs.url,
    state.projectKey,
    inputs.workflow,
    taskId,
    task.workflow_name
  )
  return task
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
  await loadTask(deps, state)
  deps.log.info(`Following task #${state.taskId}: ${state.taskUrl}`)
  return followTask(deps, state)
}

// Never fails on the task's own result.
async function getTask(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const task = await loadTask(deps, state)
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
  const { inputs, client, log } = deps
  const task = await loadTask(deps, state)
  if (isTerminal(task.status)) {
    // Cancelling a failed/timeout/reject task would overwrite its status (docs/zadigx-api.md#cancel-task).
    log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it (ZadigX would overwrite its status with "cancelled").`
    )
    return { result: resultOf(task.status) }
  }
  await client.cancelTask(inputs.workflow, task.task_id)
  log.info(`Cancel requested for task #${task.task_id}: ${state.taskUrl}`)
  const after = await client.getTask(inputs.workflow, task.task_id)
  state.task = after
  const cancelled = normalizeStatus(after.status) === 'cancelled'
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
  const { inputs, client, log } = deps
  const task = await loadTask(deps, state)
  const status = normalizeStatus(task.status)
  if (!RETRYABLE.has(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; ZadigX can only retry tasks that are failed, timeout, cancelled or reject.`
    )
  await client.retryTask(state.projectKey, inputs.workflow, task.task_id)
  log.info(`Retry started for task #${task.task_id}: ${state.taskUrl}`)
  if (!inputs.wait) {
    state.task = await client.getTask(inputs.workflow, task.task_id)
    return { result: 'running' }
  }
  return followTask(deps, state)
}
