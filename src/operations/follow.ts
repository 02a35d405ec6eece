// Shared by trigger, wait, approve and retry: follow a task to its end, cancel it when the
// job is cancelled (or on timeout, if asked), and describe the outcome.
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from '../cancel.js'
import { describeHistory } from '../estimate.js'
import { errorMessage, untrusted } from '../log.js'
import { createPollingPlan, type PollingPlan } from '../polling.js'
import { createProgressLogger } from '../progress.js'
import { firstError } from '../report.js'
import { HISTORY_WAIT_MS, loadRunHistory, waitAtMost } from '../run-history.js'
import { isTerminal } from '../zadig/status.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import type { TaskRef } from './task-ref.js'
import {
  waitForTask,
  type TaskReader,
  type WaitOptions,
  type WaitOutcome
} from './wait.js'

/**
 * Starts reading the workflow's recent runs for adaptive polling and waits for them a
 * few seconds at most; a later answer still reaches the plan. Never throws.
 */
async function learnFromHistory(
  deps: OperationDeps,
  state: OperationState,
  task: TaskRef,
  plan: PollingPlan,
  signal: AbortSignal
): Promise<void> {
  const { log } = deps
  const history = task.history
  if (deps.inputs.pollStrategy !== 'adaptive' || !history) return
  // A trigger has read the newest tasks already (its recovery baseline).
  const known = state.recentTasks
  const source = {
    recent: async (sig: AbortSignal) => known ?? history.recent(sig),
    detail: history.detail
  }
  const loading = loadRunHistory(source, task.taskId, signal).then(
    history => {
      plan.learn(history)
      if (signal.aborted) return
      if (history) log.info(`⏱ ${describeHistory(history)}`)
      else log.debug('No passed runs yet: polling backs off from poll-interval')
    },
    (err: unknown) => {
      log.debug(
        `No run history for adaptive polling: ${untrusted(errorMessage(err))}`
      )
    }
  )
  await waitAtMost(loading, HISTORY_WAIT_MS)
}

/** Polls the task in `state` until it ends, times out, waits for approval (exit) or is aborted. */
export async function followTask(
  deps: OperationDeps,
  state: OperationState,
  task: TaskRef
): Promise<OperationOutcome> {
  const { inputs, clock, signal } = deps
  const plan = createPollingPlan({
    strategy: inputs.pollStrategy,
    minMs: inputs.pollIntervalMs,
    clock
  })
  const taskId = task.taskId
  deps.track?.({ workflowKey: task.workflowKey, taskId, done: false })
  await deps.onStarted?.(state)
  // History reads stop with the wait (or the job).
  const history = new AbortController()
  const stop = signal
    ? AbortSignal.any([signal, history.signal])
    : history.signal
  let outcome: WaitOutcome
  try {
    await learnFromHistory(deps, state, task, plan, stop)
    outcome = await waitForTask(waitOptions(deps, state, task, plan))
  } finally {
    history.abort()
  }
  state.task = outcome.task ?? state.task
  return describe(deps, state, task, outcome)
}

function waitOptions(
  deps: OperationDeps,
  state: OperationState,
  task: TaskRef,
  plan: PollingPlan
): WaitOptions {
  const { inputs, clock, log, signal } = deps
  const taskUrl = state.taskUrl ?? ''
  const progress = createProgressLogger(log, taskUrl, {
    estimate: task => plan.describe(task),
    nowSec: () => plan.serverNowSec()
  })
  const getTask: TaskReader['getTask'] = async (_key, _id, sig) => {
    const detail = await task.read({ signal: sig, once: true })
    state.task = detail
    state.workflowName ??= detail.workflow_name
    plan.observe(detail)
    progress.observe(detail)
    return detail
  }
  return {
    reader: { getTask },
    workflowKey: task.workflowKey,
    taskId: task.taskId,
    taskUrl,
    timeoutMs: inputs.timeoutMs,
    pollIntervalMs: inputs.pollIntervalMs,
    nextDelayMs: ctx => plan.nextDelayMs(ctx),
    clock,
    log,
    onApproval: inputs.onApproval,
    signal
  }
}

async function describe(
  deps: OperationDeps,
  state: OperationState,
  task: TaskRef,
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
      ? await cancelTask(deps, state, task, ABORT_CANCEL_BUDGET_MS)
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
      ? await cancelTask(deps, state, task, inputs.requestTimeoutMs)
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
  if (outcome.result === 'skipped')
    return {
      ...base,
      ok: true,
      message: `Task #${taskId} ended skipped: the workflow's run policies skipped every job, so nothing was built or deployed: ${url}`
    }
  const error = outcome.task ? firstError(outcome.task) : undefined
  return {
    ...base,
    message: `Task #${taskId} ended with status ${untrusted(outcome.task?.status || 'unknown')}${error ? ` (${untrusted(error)})` : ''}: ${url}`
  }
}

async function cancelTask(
  deps: OperationDeps,
  state: OperationState,
  task: TaskRef,
  budgetMs: number
): Promise<boolean> {
  if (isTerminal(state.task?.status)) return false
  const taskId = task.taskId
  return cancelWithin(
    signal => task.cancel(signal),
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
