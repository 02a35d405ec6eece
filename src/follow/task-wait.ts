// Following one task to its end (the loop of loop.ts with a task's rules): a task is
// over when its status is terminal, or (on-approval: exit) when a gate waits; the
// approval log says who must approve.
import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import {
  findPendingApproval,
  type PendingApproval
} from '../zadig/approval-gate.js'
import { isTerminal, resultOf, type ActionResult } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import { createApprovalLogger } from './approval-log.js'
import { follow } from './loop.js'
import type { Observer } from './observers.js'

/** The one call the poller needs. */
export interface TaskReader {
  getTask(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<TaskDetail>
}

/** How to wait for one task. */
export interface WaitOptions {
  reader: TaskReader
  workflowKey: string
  taskId: number
  taskUrl: string
  timeoutMs: number
  pollIntervalMs: number
  clock: Clock
  log: Logger
  /** `exit`: stop as soon as an approval gate is waiting. */
  onApproval: 'wait' | 'exit'
  /** Aborts the wait (job cancelled): returns promptly with the last snapshot. */
  signal?: AbortSignal
  /** Polling strategy; the default is `pollIntervalMs`. */
  nextDelayMs?: (ctx: {
    task: TaskDetail | null
    elapsedMs: number
    pollIntervalMs: number
  }) => number
  /** The pause between looks; default `clock.sleep`. */
  pause?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Errors that must not end the wait; default `isTransient` while polling. */
  isTransient?: (err: unknown) => boolean
  /** What sees each snapshot; default the approval log alone. */
  observers?: Observer<TaskDetail, never>[]
}

/** How the wait ended. */
export interface WaitOutcome {
  task: TaskDetail | null
  result: ActionResult
  timedOut: boolean
  aborted: boolean
  pendingApproval: PendingApproval | null
  /** Time spent without an answer from ZadigX. */
  unreachableMs: number
}

/** The gate a snapshot waits on; none once the task has ended. */
export function gateOf(task: TaskDetail): PendingApproval | null {
  return isTerminal(task.status) ? null : findPendingApproval(task)
}

/** Says who must approve each gate, and who decided (approval-log.ts). */
export function approvalObserver(
  log: Logger,
  taskUrl: string
): Observer<TaskDetail, never> {
  const approvals = createApprovalLogger(log, taskUrl)
  return { saw: task => approvals(task, gateOf(task)) }
}

/** The result a snapshot stands for when the wait stops before the task ends. */
function snapshotResult(
  task: TaskDetail | null,
  gate: PendingApproval | null
): ActionResult {
  // Both approval models read the same (v3.1+ keeps the task `running`).
  if (gate) return 'waiting-approval'
  return task ? resultOf(task.status) : 'running'
}

/**
 * Polls a task until its status is terminal, the timeout passes, the signal
 * aborts, or (with `onApproval: 'exit'`) an approval gate is waiting. The task
 * itself is left as is; cancelling it is the caller's business.
 */
export async function waitForTask(o: WaitOptions): Promise<WaitOutcome> {
  const task = {
    look: (signal?: AbortSignal) =>
      o.reader.getTask(o.workflowKey, o.taskId, signal),
    isOver: (snapshot: TaskDetail) =>
      isTerminal(snapshot.status) ||
      (o.onApproval === 'exit' && gateOf(snapshot) !== null)
  }
  const { nextDelayMs } = o
  const end = await follow(task, {
    timeoutMs: o.timeoutMs,
    pollIntervalMs: o.pollIntervalMs,
    clock: o.clock,
    log: o.log,
    signal: o.signal,
    isTransient: o.isTransient,
    pause: o.pause,
    observers: o.observers ?? [approvalObserver(o.log, o.taskUrl)],
    nextDelayMs:
      nextDelayMs &&
      (ask =>
        nextDelayMs({
          task: ask.snapshot,
          elapsedMs: ask.elapsedMs,
          pollIntervalMs: ask.pollIntervalMs
        }))
  })
  const last = end.last
  const gate = last ? gateOf(last) : null
  const outcome = {
    task: last,
    timedOut: false,
    aborted: false,
    pendingApproval: gate,
    unreachableMs: end.unreachableMs
  }
  if (end.how === 'aborted')
    return { ...outcome, result: snapshotResult(last, gate), aborted: true }
  if (end.how === 'timeout')
    return { ...outcome, result: 'timeout', timedOut: true }
  const result = isTerminal(last?.status)
    ? resultOf(last?.status)
    : 'waiting-approval'
  return { ...outcome, result }
}
