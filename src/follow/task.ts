// Following a task for an operation (trigger, wait, approve, retry, restart): the plan
// and history, the one list of observers, the loop, then the named effects of how it
// stopped (cancel on abort or timeout) and the outcome in words.
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from '../cancel.js'
import { untrusted } from '../log.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from '../operations/context.js'
import type { TaskRef } from '../operations/task-ref.js'
import { firstError } from '../report.js'
import { isTerminal } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type { Observer } from './observers.js'
import { createPollingPlan, type PollingPlan } from './polling.js'
import { createProgressLogger } from './progress.js'
import { learnInTime } from './run-history.js'
import { createJobLogObserver, type JobLogObserver } from './job-logs.js'
import { approvalObserver, waitForTask, type WaitOutcome } from './task-wait.js'

/** What reacts to a followed task. */
export type TaskObserver = Observer<TaskDetail, TaskRef>

/**
 * The one list, in the order they hear each snapshot: the state the outputs are made
 * of, the polling plan, the progress log, the approval log, then the step's own (the
 * post step's record, the GitHub report).
 */
function taskObservers(
  deps: OperationDeps,
  state: OperationState,
  plan: PollingPlan
): TaskObserver[] {
  const taskUrl = state.taskUrl ?? ''
  const progress = createProgressLogger(deps.log, taskUrl, {
    estimate: task => plan.describe(task),
    nowSec: () => plan.serverNowSec()
  })
  const record: TaskObserver = {
    saw: task => {
      state.task = task
      state.workflowName ??= task.workflow_name
    }
  }
  return [
    record,
    { saw: task => plan.observe(task) },
    { saw: task => progress.observe(task) },
    approvalObserver(deps.log, taskUrl),
    ...(deps.observers ?? [])
  ]
}

/** The job-log observer the `logs` input asks for, or undefined (docs/zadigx-api.md#job-log-stream). */
function jobLogsOf(deps: OperationDeps): JobLogObserver | undefined {
  const choice = deps.logs
  if (choice?.note) deps.log.info(choice.note)
  if (!choice || choice.mode === 'none') return undefined
  return createJobLogObserver({
    mode: choice.mode,
    tailLines: deps.inputs.logLines,
    logs: deps.client.logs,
    clock: deps.clock,
    log: deps.log,
    signal: deps.signal
  })
}

/** Polls `task` until it ends, times out, waits for approval (exit) or is aborted. */
export async function followTask(
  given: OperationDeps,
  state: OperationState,
  task: TaskRef
): Promise<OperationOutcome> {
  const jobLogs = jobLogsOf(given)
  // The action's own lines close an open log group first (log-groups.ts).
  const deps = jobLogs ? { ...given, log: jobLogs.groups.outside } : given
  const { inputs, clock, log, signal } = deps
  const plan = createPollingPlan({
    strategy: inputs.pollStrategy,
    minMs: inputs.pollIntervalMs,
    clock
  })
  const observers = taskObservers(deps, state, plan)
  if (jobLogs) observers.splice(1, 0, jobLogs)
  for (const o of observers) await o.started?.(task)
  // History reads stop with the wait (or the job).
  const history = new AbortController()
  const stop = signal
    ? AbortSignal.any([signal, history.signal])
    : history.signal
  let outcome: WaitOutcome
  try {
    if (inputs.pollStrategy === 'adaptive' && task.history) {
      // A trigger has read the newest tasks already (its recovery baseline).
      const known = state.recentTasks
      const { recent, detail } = task.history
      const source = { recent: known ? async () => known : recent, detail }
      await learnInTime(source, task.taskId, plan, log, stop)
    }
    outcome = await waitForTask({
      reader: {
        getTask: (_k, _id, sig) => task.read({ signal: sig, once: true })
      },
      workflowKey: task.workflowKey,
      taskId: task.taskId,
      taskUrl: state.taskUrl ?? '',
      timeoutMs: inputs.timeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      nextDelayMs: ctx => plan.nextDelayMs(ctx),
      clock,
      log,
      onApproval: inputs.onApproval,
      signal,
      observers
    })
  } finally {
    history.abort()
  }
  state.task = outcome.task ?? state.task
  const cancel = await cancelOnStop(deps, task, outcome, state.task)
  if (jobLogs) state.jobLogs = await jobLogs.settle()
  for (const o of observers) o.stopped?.(task, cancel.settled)
  return describeOutcome(
    deps.inputs,
    task,
    state.taskUrl ?? '',
    outcome,
    cancel.cancelled
  )
}

/** What cancelOnStop did. */
interface CancelOnStop {
  cancelled: boolean
  /** False when the task may still run and the post step should cancel it. */
  settled: boolean
}

/**
 * The effect of how the wait stopped: a cancelled job cancels the task (cancel-on-abort,
 * within the few seconds the runner allows), a timeout cancels it when cancel-on-timeout
 * asks. A task that has ended is never cancelled (ZadigX would overwrite its status).
 */
async function cancelOnStop(
  deps: OperationDeps,
  task: TaskRef,
  outcome: WaitOutcome,
  last: TaskDetail | null | undefined
): Promise<CancelOnStop> {
  const { inputs, log } = deps
  const cancel = async (budgetMs: number): Promise<boolean> =>
    !isTerminal(last?.status) &&
    cancelWithin(s => task.cancel(s), budgetMs, log, `task #${task.taskId}`)
  if (outcome.aborted) {
    if (!inputs.cancelOnAbort) return { cancelled: false, settled: true }
    const cancelled = await cancel(ABORT_CANCEL_BUDGET_MS)
    return { cancelled, settled: cancelled }
  }
  if (outcome.timedOut && inputs.cancelOnTimeout)
    return { cancelled: await cancel(inputs.requestTimeoutMs), settled: true }
  return { cancelled: false, settled: true }
}

/** The outcome in words, for the log, the summary and the step's failure. */
function describeOutcome(
  inputs: OperationDeps['inputs'],
  task: TaskRef,
  url: string,
  outcome: WaitOutcome,
  cancelled: boolean
): OperationOutcome {
  const { taskId } = task
  const base = {
    result: outcome.result,
    pendingApproval: outcome.pendingApproval
  }
  const status = untrusted(outcome.task?.status || 'unknown')
  if (outcome.aborted)
    return {
      ...base,
      result: cancelled ? 'cancelled' : base.result,
      message: `The GitHub job was cancelled while waiting for task #${taskId}; ${cancelled ? 'the task was cancelled in ZadigX' : 'the task was left running in ZadigX'}: ${url}`
    }
  if (outcome.timedOut) {
    const limit = Math.round(inputs.timeoutMs / 1000)
    const now = cancelled
      ? 'it was cancelled (cancel-on-timeout)'
      : `it is still ${status} in ZadigX`
    return {
      ...base,
      message: `Task #${taskId} did not end within the timeout (${limit}s); ${now}: ${url}`
    }
  }
  if (outcome.result === 'waiting-approval')
    return {
      ...base,
      message: `Task #${taskId} is waiting for approval; the step ends here (on-approval: exit). Continue with operation: approve and task-id: ${taskId}.`
    }
  if (outcome.result === 'success') return base
  if (outcome.result === 'skipped')
    return {
      ...base,
      message: `Task #${taskId} ended skipped: the workflow's run policies skipped every job, so nothing was built or deployed: ${url}`
    }
  const error = outcome.task ? firstError(outcome.task) : undefined
  return {
    ...base,
    message: `Task #${taskId} ended with status ${status}${error ? ` (${untrusted(error)})` : ''}: ${url}`
  }
}
