// Following a task for an operation (trigger, wait, approve, retry, restart): the plan
// and history, the one list of observers, the loop, then the named effects of how it
// stopped (cancel on abort or timeout) and the outcome in words.
import { ABORT_CANCEL_BUDGET_MS, cancelWithin } from '../cancel.js'
import { errorMessage, untrusted, type Logger } from '../log.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from '../operations/context.js'
import type { TaskRef } from '../operations/task-ref.js'
import { firstError } from '../report.js'
import { isKnownStatus, isTerminal, normalizeStatus } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type { Observer } from './observers.js'
import { createPollingPlan, type PollingPlan } from './polling.js'
import { createProgressLogger } from './progress.js'
import { learnInTime } from './run-history.js'
import {
  pauseWithStream,
  RunningWatch,
  STREAM_TICK_MS,
  STREAM_WAIT_MS,
  streamDelay
} from './running-watch.js'
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
  plan: PollingPlan,
  options: FollowOptions
): TaskObserver[] {
  const taskUrl = state.taskUrl ?? ''
  const progress = createProgressLogger(deps.log, taskUrl, {
    estimate: task => plan.describe(task),
    nowSec: () => plan.serverNowSec(),
    joined: !options.createdHere
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
    unknownStatusObserver(deps.log),
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

/**
 * A task status this action does not know (a newer server) is not an end: the wait
 * goes on, and says so once per status (docs/zadigx-api.md#answer-shapes).
 */
function unknownStatusObserver(log: Logger): TaskObserver {
  const told = new Set<string>()
  return {
    saw: task => {
      const status = normalizeStatus(task.status)
      if (isKnownStatus(status) || told.has(status)) return
      told.add(status)
      log.warning(
        `ZadigX reported status \`${untrusted(task.status)}\` which this action does not know; waiting`
      )
    }
  }
}

/** How the step came to follow the task. */
export interface FollowOptions {
  /** This step created the task (trigger): log it from the start, not from where it is. */
  createdHere?: boolean
}

/** Polls `task` until it ends, times out, waits for approval (exit) or is aborted. */
export async function followTask(
  given: OperationDeps,
  state: OperationState,
  task: TaskRef,
  options: FollowOptions = {}
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
  const observers = taskObservers(deps, state, plan, options)
  if (jobLogs) observers.splice(1, 0, jobLogs)
  state.following = task
  for (const o of observers) await o.started?.(task)
  // History reads stop with the wait (or the job).
  const history = new AbortController()
  const stop = signal
    ? AbortSignal.any([signal, history.signal])
    : history.signal
  const watch = openWatch(deps, task)
  const stretch = watch && streamDelay(watch)
  let outcome: WaitOutcome
  try {
    await Promise.all([
      learnFromHistory(deps, state, task, plan, stop),
      watch?.ready(STREAM_WAIT_MS)
    ])
    outcome = await waitForTask({
      reader: {
        getTask: (_k, _id, sig) => task.read({ signal: sig, once: true })
      },
      workflowKey: task.workflowKey,
      taskId: task.taskId,
      taskUrl: state.taskUrl ?? '',
      timeoutMs: inputs.timeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      nextDelayMs: ctx => {
        const planned = plan.nextDelayMs(ctx)
        return stretch ? stretch(planned, ctx) : planned
      },
      pause: watch && pauseWithStream(watch, clock),
      clock,
      log,
      onApproval: inputs.onApproval,
      signal,
      observers
    })
  } finally {
    history.abort()
    watch?.close()
  }
  state.task = outcome.task ?? state.task
  const cancel = await cancelOnStop(deps, task, outcome, state.task)
  state.following = undefined
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

/** Reads recent runs for adaptive polling, a few seconds at most (run-history.ts). */
async function learnFromHistory(
  deps: OperationDeps,
  state: OperationState,
  task: TaskRef,
  plan: PollingPlan,
  stop: AbortSignal
): Promise<void> {
  if (deps.inputs.pollStrategy !== 'adaptive' || !task.history) return
  // A trigger has read the newest tasks already (its recovery baseline).
  const known = state.recentTasks
  const { recent, detail } = task.history
  const source = { recent: known ? async () => known : recent, detail }
  await learnInTime(source, task.taskId, plan, deps.log, stop)
}

/**
 * The running-task stream, where it can help: adaptive polling of a custom-workflow
 * task with a poll-interval of at least the stream's own second.
 */
function openWatch(
  deps: OperationDeps,
  task: TaskRef
): RunningWatch | undefined {
  const { inputs, log } = deps
  if (inputs.pollStrategy !== 'adaptive' || !task.running) return undefined
  if (inputs.pollIntervalMs < STREAM_TICK_MS) return undefined
  return new RunningWatch(task.running, task.workflowKey, task.taskId, log)
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

/** What cancelAbandoned needs from the step. */
export interface AbandonDeps {
  inputs: { cancelOnAbort: boolean; requestTimeoutMs: number }
  log: Logger
  /** The step's own observers: they hear that the follow stopped. */
  observers: TaskObserver[]
}

/**
 * After a throw while a task was followed (an answer the action refuses, an error of
 * its own), the task is not left running behind a failed step: it is cancelled under
 * the cancel-on-abort rule, unless it has ended. Returns the sentence to add to the
 * step's message; never throws.
 */
export async function cancelAbandoned(
  deps: AbandonDeps,
  state: OperationState,
  err: unknown
): Promise<string> {
  const task = state.following
  if (!task) return errorMessage(err)
  state.following = undefined
  const { inputs, log } = deps
  let cancelled = false
  const ended = isTerminal(state.task?.status)
  if (inputs.cancelOnAbort && !ended)
    cancelled = await cancelWithin(
      s => task.cancel(s),
      inputs.requestTimeoutMs,
      log,
      `task #${task.taskId} (the action could not go on following it)`
    )
  for (const o of deps.observers) o.stopped?.(task, cancelled || ended)
  const what = ended
    ? 'it had ended'
    : cancelled
      ? 'the task was cancelled in ZadigX (cancel-on-abort)'
      : 'the task may still be running in ZadigX'
  return `${errorMessage(err)}\nThe action stopped following task #${task.taskId}; ${what}: ${task.url}`
}
