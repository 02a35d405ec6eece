// Follows a task until it ends: polls, tells who must approve a waiting gate,
// rides out short server outages, and never sleeps past its deadline.
import type { Clock } from '../clock.js'
import { errorMessage, untrusted } from '../log.js'
import type { Logger } from '../log.js'
import { createApprovalLogger } from '../approval-log.js'
import { formatDuration } from '../progress.js'
import { findPendingApproval } from '../zadig/approval-gate.js'
import { isTerminal, resultOf } from '../zadig/status.js'
import type { PendingApproval } from '../zadig/approval-gate.js'
import type { ActionResult } from '../zadig/status.js'
import { NO_DOCUMENTS } from '../zadig/errors.js'
import type { TaskDetail } from '../zadig/types.js'

/** The one call the poller needs (the ZadigX client satisfies it). */
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
  /** Errors that must not end the wait; default `isTransientError`. */
  isTransient?: (err: unknown) => boolean
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

/**
 * True for errors worth polling through: no answer (status 0), 408, 429 and
 * 5xx, except ZadigX's "not found" 500.
 */
export function isTransientError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const { status, description, garbled } = err as {
    status?: unknown
    description?: unknown
    garbled?: unknown
  }
  // A JSON answer cut off on the way (proxy, restart) is worth polling through.
  if (garbled === true) return true
  if (typeof status !== 'number') return false
  // Task detail of a task that does not exist answers HTTP 500 with this
  // description (v1.18 .. HEAD): a 5xx that polling again will not cure.
  if (status === 500 && description === NO_DOCUMENTS) return false
  return status === 0 || status === 408 || status === 429 || status >= 500
}

/** Tracks a streak of failed polls: warns once, says when it is over. */
function createOutageTracker(log: Logger, clock: Clock) {
  let since: number | null = null
  let total = 0
  let askedMs = 0
  return {
    /** What the last failure asked to wait (`Retry-After`), once. */
    takeRetryAfter(): number {
      const ms = askedMs
      askedMs = 0
      return ms
    },
    failed(err: unknown, at: number): void {
      const retryAfter = (err as { retryAfterMs?: unknown }).retryAfterMs
      if (typeof retryAfter === 'number') askedMs = retryAfter
      const text = untrusted(errorMessage(err))
      if (since !== null)
        return log.debug(`ZadigX still not answering: ${text}`)
      since = at
      log.warning(`ZadigX did not answer (${text}); still waiting`)
    },
    recovered(): void {
      if (since === null) return
      const ms = clock.now() - since
      total += ms
      since = null
      log.info(
        `ZadigX answers again; it was unreachable for ${formatDuration(ms / 1000)}`
      )
    },
    totalMs(): number {
      return total + (since === null ? 0 : clock.now() - since)
    }
  }
}

type OutageTracker = ReturnType<typeof createOutageTracker>

async function readOnce(
  o: WaitOptions,
  outage: OutageTracker,
  isTransient: (err: unknown) => boolean
): Promise<TaskDetail | null> {
  const at = o.clock.now()
  try {
    const task = await o.reader.getTask(o.workflowKey, o.taskId, o.signal)
    outage.recovered()
    return task
  } catch (err) {
    // A cancelled job aborts the request too: that is not an error of ZadigX.
    if (o.signal?.aborted) return null
    if (!isTransient(err)) throw err
    outage.failed(err, at)
    return null
  }
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

/** The next pause from the polling strategy; nonsense falls back to the interval. */
function delayFor(
  o: WaitOptions,
  task: TaskDetail | null,
  elapsedMs: number
): number {
  const ctx = { task, elapsedMs, pollIntervalMs: o.pollIntervalMs }
  const asked = o.nextDelayMs ? o.nextDelayMs(ctx) : o.pollIntervalMs
  return Number.isFinite(asked) && asked >= 0 ? asked : o.pollIntervalMs
}

/**
 * Polls a task until its status is terminal, the timeout passes, the signal
 * aborts, or (with `onApproval: 'exit'`) an approval gate is waiting. The task
 * itself is left as is; cancelling it is the caller's business.
 */
export async function waitForTask(o: WaitOptions): Promise<WaitOutcome> {
  const { clock, signal } = o
  const startedAt = clock.now()
  const deadline = startedAt + Math.max(0, o.timeoutMs)
  const outage = createOutageTracker(o.log, clock)
  const approvals = createApprovalLogger(o.log, o.taskUrl)
  let task: TaskDetail | null = null
  let gate: PendingApproval | null = null
  const end = (
    result: ActionResult,
    how: Partial<WaitOutcome> = {}
  ): WaitOutcome => ({
    task,
    result,
    timedOut: false,
    aborted: false,
    pendingApproval: gate,
    unreachableMs: outage.totalMs(),
    ...how
  })
  for (;;) {
    if (signal?.aborted)
      return end(snapshotResult(task, gate), { aborted: true })
    const next = await readOnce(o, outage, o.isTransient ?? isTransientError)
    if (next) {
      task = next
      gate = isTerminal(task.status) ? null : findPendingApproval(task)
      approvals(task, gate)
      if (isTerminal(task.status)) return end(resultOf(task.status))
      if (gate && o.onApproval === 'exit') return end('waiting-approval')
    }
    if (signal?.aborted)
      return end(snapshotResult(task, gate), { aborted: true })
    const remaining = deadline - clock.now()
    if (remaining <= 0) return end('timeout', { timedOut: true })
    // A 429 or 503 with Retry-After is obeyed, within the deadline.
    const delay = Math.max(
      delayFor(o, task, clock.now() - startedAt),
      outage.takeRetryAfter()
    )
    await clock.sleep(Math.min(delay, remaining), signal)
  }
}
