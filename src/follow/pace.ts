// Where the end of a task lies by its own pace: once a stage has ended, the time its
// stages took says how long the ones left will take. Without history this is the only
// estimate; with history it narrows the window of the recent runs to this run's speed.
import { STEP_ENDED, normalizeStatus } from '../zadig/status.js'
import type { TaskDetail, TaskStage } from '../zadig/types.js'
import type { EndWindow, RunHistory } from './estimate.js'
import { stageWork } from './estimate.js'

// How far the end may lie from the pace's estimate, as a share of the work left.
const PACE_SPREAD = 0.075
// A window never narrower than this on either side, in seconds.
const MIN_SPREAD_SEC = 10

const ended = (s: TaskStage): boolean =>
  STEP_ENDED.has(normalizeStatus(s.status))

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/**
 * Work seconds still to come, by pace: with history, the usual share of the stages left
 * scaled by how fast this run's ended stages went against their usual share; without,
 * the mean time of the stages that ended (and worked) for each stage left.
 */
function workLeft(
  done: TaskStage[],
  left: TaskStage[],
  history: RunHistory | null
): number | undefined {
  const worked = done.map(s => stageWork(s)).filter(w => w > 0)
  if (worked.length === 0) return undefined
  const took = worked.reduce((t, w) => t + w, 0)
  const share = (stages: TaskStage[]) =>
    stages.reduce((t, s) => t + (history?.shares.get(s.name) ?? Number.NaN), 0)
  const before = share(done)
  const after = share(left)
  if (history && before > 0 && Number.isFinite(after)) {
    const usual = median(history.durations)
    const speed = took / (usual * before)
    return speed * usual * after
  }
  return (took / worked.length) * left.length
}

/**
 * The end of `task` by its own pace, in seconds from server time `nowSec`; undefined
 * until a stage has ended with work done, or once every stage has ended.
 */
export function paceWindow(
  task: TaskDetail,
  nowSec: number,
  history: RunHistory | null = null
): EndWindow | undefined {
  const stages = task.stages ?? []
  const first = stages.findIndex(s => !ended(s))
  if (first <= 0) return undefined
  const done = stages.slice(0, first)
  const left = stages.slice(first)
  const total = workLeft(done, left, history)
  if (total === undefined) return undefined
  const current = stages[first]
  const spent = current ? stageWork(current, nowSec) : 0
  const spread = Math.max(MIN_SPREAD_SEC, total * PACE_SPREAD)
  const mid = total - spent
  return { lo: mid - spread, mid, hi: mid + spread, runs: 0 }
}

/**
 * Where two estimates agree: the part of `history` that `pace` allows, or the pace
 * alone when they do not meet (this run is not like the recent ones).
 */
export function narrowWindow(
  history: EndWindow | undefined,
  pace: EndWindow | undefined
): EndWindow | undefined {
  if (!pace) return history
  if (!history) return pace
  const lo = Math.max(history.lo, pace.lo)
  const hi = Math.min(history.hi, pace.hi)
  if (lo > hi) return pace
  const mid = Math.min(Math.max(pace.mid, lo), hi)
  return { lo, mid, hi, runs: history.runs }
}
