// How long to pause between two looks at a task (poll-strategy, poll-interval): sparse
// far from the end expected from recent runs and the task's own pace, every
// poll-interval near it, and a gentle backoff while nothing places the end, past the
// expected end or while people must act.
import type { Clock } from '../clock.js'
import { describeLeft, endWindow, isQueued } from './estimate.js'
import type { EndWindow, RunHistory } from './estimate.js'
import { narrowWindow, paceWindow } from './pace.js'
import { findPendingApproval } from '../zadig/approval-gate.js'
import { isStatus, normalizeStatus } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'

/** Longest pause far from the expected end. */
const SPARSE_MAX_MS = 60_000
/** Longest pause without history, past the expected end or at a gate. */
const GENTLE_MAX_MS = 30_000
// Far from the window, pause half the way to it; past it, half the overrun.
const APPROACH = 0.5
// With nothing to place the end, pause a tenth of the time the task (or the gate) has
// taken; a fifth while stages that have not started remain (a success cannot come
// before the last stage runs, so only a failure can end the task there).
const BACKOFF = 0.1
const EARLY_BACKOFF = 0.2
// The caps shrink with a short poll-interval (12x and 6x it), so that a 10 ms
// interval (tests, demos) keeps its loop short too.
const SPARSE_INTERVALS = 12
const GENTLE_INTERVALS = 6

/** What waitForTask hands its polling strategy. */
export interface DelayContext {
  task: TaskDetail | null
  elapsedMs: number
  pollIntervalMs: number
}

/** The adaptive (or fixed) pause between polls, and the time-left estimate. */
export interface PollingPlan {
  /** Takes what recent runs say; until then (or with null) the plan backs off. */
  learn(history: RunHistory | null): void
  /** Notes a snapshot as soon as it is read (keeps the server's clock in step). */
  observe(task: TaskDetail): void
  /** The strategy for waitForTask's `nextDelayMs`. */
  nextDelayMs(ctx: DelayContext): number
  /** `about 3 min left, from the last 10 runs`; undefined with nothing to say. */
  describe(task: TaskDetail): string | undefined
  /** The server's now, in epoch seconds, as far as the snapshots tell. */
  serverNowSec(): number
}

/** How to poll: `poll-strategy`, `poll-interval` and the clock. */
export interface PollingOptions {
  strategy: 'adaptive' | 'fixed'
  minMs: number
  clock: Clock
}

const clamp = (ms: number, min: number, max: number): number =>
  Math.min(Math.max(ms, min), Math.max(min, max))

/** The latest time stamp a snapshot carries, in epoch seconds (0 without any). */
export function latestStamp(task: TaskDetail): number {
  const stamps = [task.create_time, task.start_time, task.end_time]
  for (const stage of task.stages ?? []) {
    stamps.push(stage.start_time, stage.end_time)
    stamps.push(stage.approval?.start_time, stage.approval?.end_time)
    for (const job of stage.jobs ?? [])
      stamps.push(job.start_time, job.end_time)
  }
  return Math.max(0, ...stamps.map(s => (typeof s === 'number' ? s : 0)))
}

/**
 * Maps the local clock onto the server's. Clocks are taken to agree unless the task's
 * time stamps prove otherwise: nothing can have happened after the server's now, and
 * a stamp that was not there at the previous read happened after it.
 */
function createServerTime(): {
  observe(task: TaskDetail, atMs: number): void
  nowSec(atMs: number): number
} {
  let upper = Number.POSITIVE_INFINITY
  let lower = Number.NEGATIVE_INFINITY
  let seen = 0
  let lastAt: number | undefined
  let offset = 0 // local minus server, ms
  return {
    observe(task, atMs) {
      const latest = latestStamp(task) * 1000
      if (latest > 0) {
        upper = Math.min(upper, atMs - latest)
        // Stamps are whole seconds: the event happened before latest + 1 s.
        if (latest > seen && lastAt !== undefined)
          lower = Math.max(lower, lastAt - latest - 1000)
        seen = Math.max(seen, latest)
      }
      lastAt = atMs
      offset = Math.min(upper, Math.max(lower, 0))
    },
    nowSec: atMs => (atMs - offset) / 1000
  }
}

/** True while the task waits on a person: an approval gate or a paused stage. */
export function waitsOnPerson(task: TaskDetail): boolean {
  if (isStatus(task.status, 'pause')) return true
  return findPendingApproval(task) !== null
}

/**
 * The pause before the next look, given where the end is expected (seconds from now):
 * half the way to the window (onto its start once that is under two poll-intervals
 * away), every poll-interval inside it, half the overrun past it.
 */
function delayTowardEnd(
  w: EndWindow,
  minMs: number,
  sparseMaxMs: number,
  gentleMaxMs: number
): number {
  if (w.lo > 0) {
    const half = w.lo * 1000 * APPROACH
    // Less than a poll-interval of halving left: land on the window's start.
    if (half < minMs) return clamp(w.lo * 1000, minMs, 2 * minMs)
    return clamp(half, minMs, sparseMaxMs)
  }
  if (w.hi >= 0) return minMs
  return clamp(-w.hi * 1000 * APPROACH, minMs, gentleMaxMs)
}

/** The pause with nothing to place the end: a share of the time so far, within the caps. */
function backoffDelay(
  elapsedMs: number,
  minMs: number,
  gentleMaxMs: number,
  share = BACKOFF
): number {
  return clamp(elapsedMs * share, minMs, gentleMaxMs)
}

/** True while a stage after the running one has not started. */
function stagesAhead(task: TaskDetail): boolean {
  const stages = task.stages ?? []
  const i = stages.findIndex(s => normalizeStatus(s.status) === '')
  return i > 0
}

class Plan implements PollingPlan {
  readonly #server = createServerTime()
  readonly #min: number
  readonly #sparseMax: number
  readonly #gentleMax: number
  #history: RunHistory | null = null
  #last: TaskDetail | null = null
  #gateSince: number | undefined

  constructor(private readonly o: PollingOptions) {
    this.#min = Math.max(0, o.minMs)
    this.#sparseMax = Math.min(SPARSE_MAX_MS, this.#min * SPARSE_INTERVALS)
    this.#gentleMax = Math.min(GENTLE_MAX_MS, this.#min * GENTLE_INTERVALS)
  }

  learn(history: RunHistory | null): void {
    this.#history = history && history.durations.length > 0 ? history : null
  }

  observe(task: TaskDetail): void {
    if (task === this.#last) return
    this.#last = task
    const now = this.o.clock.now()
    this.#server.observe(task, now)
    this.#gateSince = waitsOnPerson(task) ? (this.#gateSince ?? now) : undefined
  }

  nextDelayMs(ctx: DelayContext): number {
    if (this.o.strategy === 'fixed') return this.#min
    if (!ctx.task) return this.#backoff(ctx.elapsedMs)
    this.observe(ctx.task)
    if (this.#gateSince !== undefined)
      return this.#backoff(this.o.clock.now() - this.#gateSince)
    // A queue can end any time: only a started task has an end to expect.
    const w = isQueued(ctx.task) ? undefined : this.#window(ctx.task)
    if (w) return delayTowardEnd(w, this.#min, this.#sparseMax, this.#gentleMax)
    const elapsed = this.#elapsedMs(ctx.task) ?? ctx.elapsedMs
    const share = stagesAhead(ctx.task) ? EARLY_BACKOFF : BACKOFF
    return backoffDelay(elapsed, this.#min, this.#gentleMax, share)
  }

  describe(task: TaskDetail): string | undefined {
    const w = this.#window(task)
    return w ? describeLeft(w) : undefined
  }

  serverNowSec(): number {
    return this.#server.nowSec(this.o.clock.now())
  }

  #backoff(elapsedMs: number): number {
    return backoffDelay(elapsedMs, this.#min, this.#gentleMax)
  }

  // The recent runs' window narrowed by the task's own pace (or the pace alone).
  #window(task: TaskDetail): EndWindow | undefined {
    if (waitsOnPerson(task)) return undefined
    const now = this.serverNowSec()
    const h = this.#history
    const pace = paceWindow(task, now, h)
    return narrowWindow(h ? endWindow(h, task, now) : undefined, pace)
  }

  // Time since the task started (or, while it is queued, was created).
  #elapsedMs(task: TaskDetail): number | undefined {
    const since = isQueued(task) ? task.create_time : task.start_time
    return since ? (this.serverNowSec() - since) * 1000 : undefined
  }
}

/** A polling plan for one task (see docs/performance.md, "Polling"). */
export function createPollingPlan(o: PollingOptions): PollingPlan {
  return new Plan(o)
}
