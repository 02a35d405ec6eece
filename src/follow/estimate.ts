// What a workflow's recent passed runs say about the task being followed: how long a
// run takes (time spent waiting on people left out), how that time splits over the
// stages, and so where the end of the current task probably lies.
import { formatDuration } from '../duration.js'
import { QUEUED, STEP_ENDED, normalizeStatus } from '../zadig/status.js'
import type { TaskBrief, TaskDetail, TaskStage } from '../zadig/types.js'

/** Durations learned from the recent passed runs of one workflow. */
export interface RunHistory {
  /** Work seconds of each run (approval waits left out where known), newest first. */
  durations: number[]
  /** Average share of a run's work time per stage name; empty without run details. */
  shares: Map<string, number>
}

/** Where the end is expected, in seconds from now: earliest, typical and latest. */
export interface EndWindow {
  lo: number
  mid: number
  hi: number
  /** How many past runs the window stands on; 0 = the task's own pace alone (pace.ts). */
  runs: number
}

// A run that waited longer than this on people is "gated": list durations of such a
// workflow include human time, so only the runs read in detail are used.
const GATE_NOISE_SEC = 30
// Runs outside [median / 3, median x 3] are outliers (a retried run, a skipped stage).
const OUTLIER_FACTOR = 3
// With fewer runs than this the window is widened by WIDEN of the median duration.
const FEW_RUNS = 3
const WIDEN = 0.15

/** True while the task waits in the queue, before any stage runs. */
export function isQueued(task: TaskDetail): boolean {
  return QUEUED.has(normalizeStatus(task.status))
}

function span(start?: number, end?: number, nowSec?: number): number {
  if (!start || start <= 0) return 0
  const stop = end && end > 0 ? end : (nowSec ?? start)
  return Math.max(0, stop - start)
}

/** Seconds the approval jobs of a stage waited on people (open ones until `nowSec`). */
function jobGateSeconds(stage: TaskStage, nowSec?: number): number {
  let total = 0
  for (const job of stage.jobs ?? [])
    if (normalizeStatus(job.type) === 'approval')
      total += span(job.start_time, job.end_time, nowSec)
  return total
}

/** Seconds a stage has worked, approval jobs left out (running ones until `nowSec`). */
export function stageWork(stage: TaskStage, nowSec?: number): number {
  const total = span(stage.start_time, stage.end_time, nowSec)
  return Math.max(0, total - jobGateSeconds(stage, nowSec))
}

/**
 * Seconds a task has waited on people: v1.7 stage approvals (before the stage starts)
 * and v3.1+ approval jobs; a gate still open counts until `nowSec`.
 */
export function gateSeconds(task: TaskDetail, nowSec?: number): number {
  let total = 0
  for (const stage of task.stages ?? []) {
    const approval = stage.approval
    if (approval?.enabled)
      total += span(approval.start_time, approval.end_time, nowSec)
    total += jobGateSeconds(stage, nowSec)
  }
  return total
}

/** Work seconds of a finished task: its stages' times without approval waits. */
export function workSeconds(task: TaskDetail): number {
  const stages = task.stages ?? []
  const sum = stages.reduce((t, s) => t + stageWork(s), 0)
  if (sum > 0) return sum
  return Math.max(0, span(task.start_time, task.end_time) - gateSeconds(task))
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1
  if (sorted.length % 2 === 1) return sorted[mid] ?? 0
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const ascending = (values: number[]): number[] =>
  [...values].sort((a, b) => a - b)

function dropOutliers(durations: number[]): number[] {
  if (durations.length < FEW_RUNS) return durations
  const m = median(ascending(durations))
  return durations.filter(
    d => d >= m / OUTLIER_FACTOR && d <= m * OUTLIER_FACTOR
  )
}

function stageShares(details: TaskDetail[]): Map<string, number> {
  const sums = new Map<string, number>()
  let runs = 0
  for (const detail of details) {
    const stages = detail.stages ?? []
    const total = stages.reduce((t, s) => t + stageWork(s), 0)
    if (total <= 0) continue
    runs++
    for (const s of stages)
      sums.set(s.name, (sums.get(s.name) ?? 0) + stageWork(s) / total)
  }
  for (const [name, sum] of sums) sums.set(name, sum / runs)
  return sums
}

/**
 * Learns from recent passed runs (`runs`, newest first) and the detail of some of
 * them. Returns null when nothing usable is left.
 */
export function learnHistory(
  runs: TaskBrief[],
  details: TaskDetail[]
): RunHistory | null {
  const byId = new Map(details.map(d => [d.task_id, d]))
  const gated = details.some(d => gateSeconds(d) > GATE_NOISE_SEC)
  const durations = runs
    .filter(run => !gated || byId.has(run.task_id))
    .map(run => {
      const detail = byId.get(run.task_id)
      return detail ? workSeconds(detail) : span(run.start_time, run.end_time)
    })
    .filter(d => d > 0)
  const kept = dropOutliers(durations)
  if (kept.length === 0) return null
  return { durations: kept, shares: stageShares(details) }
}

/** Seconds left per past run, judged from snapshot `task` at server time `nowSec`. */
function leftPerRun(h: RunHistory, task: TaskDetail, nowSec: number): number[] {
  const stages = task.stages ?? []
  const i = stages.findIndex(s => !STEP_ENDED.has(normalizeStatus(s.status)))
  const current = stages[i]
  // From the second stage on, the stages' usual shares place the end better.
  if (i > 0 && current) {
    const share = stages
      .slice(i)
      .reduce((t, s) => t + (h.shares.get(s.name) ?? Number.NaN), 0)
    if (Number.isFinite(share)) {
      const done = stageWork(current, nowSec)
      return h.durations.map(d => d * share - done)
    }
  }
  const worked = isQueued(task)
    ? 0
    : span(task.start_time, undefined, nowSec) - gateSeconds(task, nowSec)
  return h.durations.map(d => d - worked)
}

/** The expected end of `task`, in seconds from server time `nowSec`. */
export function endWindow(
  h: RunHistory,
  task: TaskDetail,
  nowSec: number
): EndWindow {
  const left = ascending(leftPerRun(h, task, nowSec))
  const widen =
    left.length < FEW_RUNS ? WIDEN * median(ascending(h.durations)) : 0
  return {
    lo: (left[0] ?? 0) - widen,
    mid: median(left),
    hi: (left.at(-1) ?? 0) + widen,
    runs: left.length
  }
}

function roughly(seconds: number): string {
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return `${minutes} min`
  return `${Math.round(seconds / 360) / 10} h`
}

function lastRuns(runs: number): string {
  return runs === 1 ? 'the last run' : `the last ${runs} runs`
}

/** `about 3 min left, from the last 10 runs`, for the progress log. */
export function describeLeft(w: EndWindow): string {
  const from = w.runs === 0 ? 'its pace so far' : lastRuns(w.runs)
  if (w.hi < 0)
    return w.runs === 0
      ? 'taking longer than its pace so far'
      : `taking longer than ${from}`
  if (w.mid < 60) return `less than a minute left, from ${from}`
  return `about ${roughly(w.mid)} left, from ${from}`
}

const clock = (seconds: number): string =>
  formatDuration(seconds * 1000, 'clock')

/** `the last 10 runs took 8m00s to 12m00s (typically 10m00s)`. */
export function describeHistory(h: RunHistory): string {
  const sorted = ascending(h.durations)
  const [first, last] = [sorted[0] ?? 0, sorted.at(-1) ?? 0]
  const range =
    first === last ? clock(first) : `${clock(first)} to ${clock(last)}`
  return `${lastRuns(h.durations.length)} took ${range} (typically ${clock(median(sorted))})`
}
