// Reads the history adaptive polling stands on, within a small request budget: one
// page of recent tasks, then the detail of the newest passed ones (stage timings).
import { errorMessage, untrusted, type Logger } from '../log.js'
import { describeHistory, learnHistory } from './estimate.js'
import type { RunHistory } from './estimate.js'
import type { PollingPlan } from './polling.js'
import { SUCCESS, normalizeStatus } from '../zadig/status.js'
import type { TaskBrief, TaskDetail } from '../zadig/types.js'

/** Tasks asked for in the one list request (failed runs take places too). */
export const RECENT_PAGE = 20
/** Passed runs the estimate uses at most. */
const RUNS_USED = 10
/** Passed runs read in detail for stage timings (one request each). */
export const RUNS_IN_DETAIL = 2
/** How long (real time) the first poll waits for the history; later it still counts. */
export const HISTORY_WAIT_MS = 3000

/** Where the history comes from. */
export interface HistorySource {
  /** The workflow's most recent tasks, newest first (one page). */
  recent(signal: AbortSignal): Promise<TaskBrief[]>
  /** One task with its stages. */
  detail(taskId: number, signal: AbortSignal): Promise<TaskDetail>
}

/** The recent passed runs other than `taskId`, newest first, at most RUNS_USED. */
export function passedRuns(tasks: TaskBrief[], taskId: number): TaskBrief[] {
  return tasks
    .filter(
      t =>
        t.task_id !== taskId &&
        SUCCESS.has(normalizeStatus(t.status)) &&
        (t.start_time ?? 0) > 0 &&
        (t.end_time ?? 0) > (t.start_time ?? 0)
    )
    .slice(0, RUNS_USED)
}

/**
 * Reads the history of the workflow `taskId` belongs to: RunHistory, or null when
 * there is none (a new workflow). A detail that cannot be read is left out.
 */
export async function loadRunHistory(
  source: HistorySource,
  taskId: number,
  signal: AbortSignal
): Promise<RunHistory | null> {
  const runs = passedRuns(await source.recent(signal), taskId)
  if (runs.length === 0) return null
  const details = await Promise.all(
    runs
      .slice(0, RUNS_IN_DETAIL)
      .map(run => source.detail(run.task_id, signal).catch(() => null))
  )
  return learnHistory(
    runs,
    details.filter((d): d is TaskDetail => d !== null)
  )
}

/**
 * Waits for `work` at most `ms` of real time (never the injected clock: a virtual
 * clock would never let the history win). Resolves either way, without throwing.
 */
export async function waitAtMost(work: Promise<unknown>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>(resolve => {
    timer = setTimeout(resolve, ms)
    timer.unref?.()
  })
  try {
    await Promise.race([work.then(noop, noop), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function noop(): void {}

/**
 * Starts reading the history for `plan` and waits for it a few seconds at most; a
 * later answer still reaches the plan. Never throws.
 */
export async function learnInTime(
  source: HistorySource,
  taskId: number,
  plan: PollingPlan,
  log: Logger,
  signal: AbortSignal
): Promise<void> {
  const loading = loadRunHistory(source, taskId, signal).then(
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
