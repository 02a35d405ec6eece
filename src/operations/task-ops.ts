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
import type { Operation, OperationDeps, OperationState } from './context.js'
import { followTask } from '../follow/task.js'
import type { TaskRef } from './task-ref.js'

/** The task named by `task-id`, read once, with its link recorded in the state. */
export async function loadTask(
  deps: OperationDeps,
  state: OperationState
): Promise<{ ref: TaskRef; task: TaskDetail }> {
  const { inputs } = deps
  const ref = deps.kind.task(inputs.workflow, inputs.taskId as number)
  state.taskId = ref.taskId
  const task = await ref.read({ signal: deps.signal })
  state.task = task
  state.workflowName = task.workflow_name
  state.projectKey ||= ref.projectKey
  state.taskUrl = ref.url
  return { ref, task }
}

/** operation: wait — follow an existing task to its end. */
export const waitOperation: Operation = async (deps, state) => {
  const { ref } = await loadTask(deps, state)
  deps.log.info(`Following task #${state.taskId}: ${state.taskUrl}`)
  return followTask(deps, state, ref)
}

/** operation: get-task — one snapshot, no waiting; never fails on the task's own result. */
export const getTaskOperation: Operation = async (deps, state) => {
  const { task } = await loadTask(deps, state)
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
  const { log } = deps
  const { ref, task } = await loadTask(deps, state)
  if (isTerminal(task.status)) {
    // Cancelling a failed/timeout/reject task would overwrite its status (docs/zadigx-api.md#cancel-task).
    log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it (ZadigX would overwrite its status with "cancelled").`
    )
    return { result: resultOf(task.status), ok: true }
  }
  await ref.cancel()
  log.info(`Cancel requested for task #${task.task_id}: ${state.taskUrl}`)
  const after = await ref.read()
  state.task = after
  const cancelled = isStatus(after.status, 'cancelled')
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
    return { result: 'running', ok: true }
  }
  return followTask(deps, state, ref)
}
