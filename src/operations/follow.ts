// Shared by trigger, wait and retry: follow a task to its end and describe the outcome.
import { createProgressLogger } from '../progress.js'
import { waitForTask } from './wait.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import type { TaskDetail } from '../zadig/types.js'

/** Reads one snapshot of a task (custom workflows by default; product workflows differ). */
export type TaskRead = (
  workflowKey: string,
  taskId: number,
  signal?: AbortSignal
) => Promise<TaskDetail>

/** Polls the task in `state` until it ends, times out, waits for approval (exit) or is aborted. */
export async function followTask(
  deps: OperationDeps,
  state: OperationState,
  read: TaskRead = (key, id, sig) => deps.client.getTask(key, id, sig)
): Promise<OperationOutcome> {
  const { inputs, clock, log, signal } = deps
  const taskId = state.taskId as number
  const taskUrl = state.taskUrl ?? ''
  const progress = createProgressLogger(log, taskUrl)
  const outcome = await waitForTask({
    reader: {
      getTask: async (workflowKey, id, sig) => {
        const task = await read(workflowKey, id, sig)
        state.task = task
        state.workflowName ??= task.workflow_name
        progress.observe(task)
        return task
      }
    },
    workflowKey: state.workflowKey,
    taskId,
    taskUrl,
    timeoutMs: inputs.timeoutMs,
    pollIntervalMs: inputs.pollIntervalMs,
    clock,
    log,
    onApproval: inputs.onApproval,
    signal
  })
  state.task = outcome.task ?? state.task
  const base = {
    result: outcome.result,
    pendingApproval: outcome.pendingApproval
  }
  if (outcome.timedOut) {
    const limit = Math.round(inputs.timeoutMs / 1000)
    return {
      ...base,
      message: `Task #${taskId} did not end within the timeout (${limit}s); it is still ${outcome.task?.status || 'unknown'} in ZadigX: ${taskUrl}`
    }
  }
  if (outcome.aborted)
    return {
      ...base,
      message: `Stopped waiting for task #${taskId}: the job was cancelled`
    }
  if (outcome.result === 'waiting-approval')
    return {
      ...base,
      ok: true,
      message: `Task #${taskId} is waiting for approval; the step ends here (on-approval: exit). Continue with operation: approve and task-id: ${taskId}.`
    }
  if (outcome.result === 'success') return base
  return {
    ...base,
    message: describeFailure(taskId, outcome.task?.status, taskUrl)
  }
}

function describeFailure(
  taskId: number,
  status: string | undefined,
  url: string
): string {
  return `Task #${taskId} ended with status ${status || 'unknown'}: ${url}`
}
