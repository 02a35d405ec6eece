// operations on one existing custom-workflow task: wait, get-task, cancel, retry.
import { untrusted } from '../log.js'
import { taskUrl } from '../zadig/links.js'
import { findPendingApproval } from '../zadig/approval-gate.js'
import { isTerminal, normalizeStatus, resultOf } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type { Operation, OperationDeps, OperationState } from './context.js'
import { followTask } from './follow.js'

/** Statuses ZadigX can retry (docs/zadigx-api.md#retry-task). */
const RETRYABLE = new Set(['failed', 'timeout', 'cancelled', 'reject'])

/** Reads the task named by `task-id` and records it (and its link) in the state. */
export async function loadTask(
  deps: OperationDeps,
  state: OperationState
): Promise<TaskDetail> {
  const { inputs, client } = deps
  const taskId = inputs.taskId as number
  state.taskId = taskId
  const task = await client.tasks.get(inputs.workflow, taskId, deps.signal)
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
export const waitOperation: Operation = async (deps, state) => {
  await loadTask(deps, state)
  deps.log.info(`Following task #${state.taskId}: ${state.taskUrl}`)
  return followTask(deps, state)
}

/** operation: get-task — one snapshot, no waiting; never fails on the task's own result. */
export const getTaskOperation: Operation = async (deps, state) => {
  const task = await loadTask(deps, state)
  state.data = task
  const pendingApproval = findPendingApproval(task)
  const result = pendingApproval ? 'waiting-approval' : resultOf(task.status)
  deps.log.info(
    `Task #${task.task_id} is ${untrusted(task.status || 'unknown')} (${result}): ${state.taskUrl}`
  )
  return { result, pendingApproval, ok: true }
}

/** operation: cancel — cancel a queued or running task; refuse one that has ended. */
export const cancelOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const task = await loadTask(deps, state)
  if (isTerminal(task.status)) {
    // Cancelling a failed/timeout/reject task would overwrite its status (docs/zadigx-api.md#cancel-task).
    log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it (ZadigX would overwrite its status with "cancelled").`
    )
    return { result: resultOf(task.status), ok: true }
  }
  await client.tasks.cancel(inputs.workflow, task.task_id)
  log.info(`Cancel requested for task #${task.task_id}: ${state.taskUrl}`)
  const after = await client.tasks.get(inputs.workflow, task.task_id)
  state.task = after
  const cancelled = normalizeStatus(after.status) === 'cancelled'
  return {
    result: cancelled ? 'cancelled' : resultOf(after.status),
    ok: true,
    message: cancelled
      ? undefined
      : `ZadigX accepted the cancel; the task is ${untrusted(after.status)} for now.`
  }
}

/** operation: retry — re-run a failed, timed-out, cancelled or rejected task (same id). */
export const retryOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const task = await loadTask(deps, state)
  const status = normalizeStatus(task.status)
  if (!RETRYABLE.has(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; ZadigX can only retry tasks that are failed, timeout, cancelled or reject.`
    )
  await client.tasks.retry(state.projectKey, inputs.workflow, task.task_id)
  log.info(`Retry started for task #${task.task_id}: ${state.taskUrl}`)
  if (!inputs.wait) {
    state.task = await client.tasks.get(inputs.workflow, task.task_id)
    return { result: 'running', ok: true }
  }
  return followTask(deps, state)
}
