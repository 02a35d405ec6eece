// Shared by trigger, wait, approve and retry: follow a task to its end, cancel it when the
// job is cancelled (or on timeout, if asked), and describe the outcome.
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from '../cancel.js'
import { untrusted } from '../log.js'
import { createProgressLogger } from '../progress.js'
import { firstError } from '../report.js'
import { isTerminal } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { waitForTask, type WaitOutcome } from './wait.js'

/** Reads and cancels one task; custom and product workflows use different routes. */
export interface TaskControl {
  read(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<TaskDetail>
  cancel(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<void>
}

/** The custom-workflow (workflow v4) routes. */
export function customControl(deps: OperationDeps): TaskControl {
  return {
    read: (key, id, signal) => deps.client.getTask(key, id, signal),
    cancel: (key, id, signal) => deps.client.cancelTask(key, id, signal)
  }
}

/** Polls the task in `state` until it ends, times out, waits for approval (exit) or is aborted. */
export async function followTask(
  deps: OperationDeps,
  state: OperationState,
  control: TaskControl = customControl(deps)
): Promise<OperationOutcome> {
  const { inputs, clock, log, signal } = deps
  const taskId = state.taskId as number
  const taskUrl = state.taskUrl ?? ''
  const progress = createProgressLogger(log, taskUrl)
  deps.track?.({ workflowKey: state.workflowKey, taskId, done: false })
  await deps.onStarted?.(state)
  const outcome = await waitForTask({
    reader: {
      getTask: async (workflowKey, id, sig) => {
        const task = await control.read(workflowKey, id, sig)
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
  const described = await describe(deps, state, control, outcome)
  return described
}

async function describe(
  deps: OperationDeps,
  state: OperationState,
  control: TaskControl,
  outcome: WaitOutcome
): Promise<OperationOutcome> {
  const { inputs } = deps
  const taskId = state.taskId as number
  const url = state.taskUrl ?? ''
  const base = {
    result: outcome.result,
    pendingApproval: outcome.pendingApproval
  }
  if (outcome.aborted) {
    const cancelled = inputs.cancelOnAbort
      ? await cancelTask(deps, state, control, ABORT_CANCEL_BUDGET_MS)
      : false
    if (cancelled || !inputs.cancelOnAbort) markDone(deps, state)
    return {
      ...base,
      result: cancelled ? 'cancelled' : base.result,
      message: `The GitHub job was cancelled while waiting for task #${taskId}; ${cancelled ? 'the task was cancelled in ZadigX' : 'the task was left running in ZadigX'}: ${url}`
    }
  }
  if (outcome.timedOut) {
    const cancelled = inputs.cancelOnTimeout
      ? await cancelTask(deps, state, control, inputs.requestTimeoutMs)
      : false
    markDone(deps, state)
    const limit = Math.round(inputs.timeoutMs / 1000)
    const now = cancelled
      ? 'it was cancelled (cancel-on-timeout)'
      : `it is still ${untrusted(outcome.task?.status || 'unknown')} in ZadigX`
    return {
      ...base,
      message: `Task #${taskId} did not end within the timeout (${limit}s); ${now}: ${url}`
    }
  }
  markDone(deps, state)
  if (outcome.result === 'waiting-approval')
    return {
      ...base,
      ok: true,
      message: `Task #${taskId} is waiting for approval; the step ends here (on-approval: exit). Continue with operation: approve and task-id: ${taskId}.`
    }
  if (outcome.result === 'success') return base
  const error = outcome.task ? firstError(outcome.task) : undefined
  return {
    ...base,
    message: `Task #${taskId} ended with status ${untrusted(outcome.task?.status || 'unknown')}${error ? ` (${untrusted(error)})` : ''}: ${url}`
  }
}

async function cancelTask(
  deps: OperationDeps,
  state: OperationState,
  control: TaskControl,
  budgetMs: number
): Promise<boolean> {
  if (isTerminal(state.task?.status)) return false
  const taskId = state.taskId as number
  return cancelWithin(
    signal => control.cancel(state.workflowKey, taskId, signal),
    budgetMs,
    deps.log,
    `task #${taskId}`
  )
}

function markDone(deps: OperationDeps, state: OperationState): void {
  deps.track?.({
    workflowKey: state.workflowKey,
    taskId: state.taskId as number,
    done: true
  })
}
