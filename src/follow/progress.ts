// Progress of a task in the log, on change only: one line when a stage starts or
// ends, when a job starts or ends, when the task is queued, starts or ends. A stage
// start says where the task is: `stage 2 of 4 (deploy) started · 6m10s elapsed`.
import { formatDuration } from '../duration.js'
import { untrusted } from '../log.js'
import type { Logger } from '../log.js'
import { jobDurationSeconds, jobName, spanSeconds } from '../report.js'
import {
  ACTIVE,
  AWAITING_APPROVAL,
  QUEUED,
  STEP_ENDED,
  isTerminal,
  normalizeStatus,
  statusIcon,
  statusWord
} from '../zadig/status.js'
import type { TaskDetail, TaskJob, TaskStage } from '../zadig/types.js'

/** Watches task snapshots and logs what changed since the previous one. */
export interface ProgressLogger {
  observe(task: TaskDetail): void
}

/** Extras for the progress lines. */
export interface ProgressOptions {
  /** Time left for a stage-start line, e.g. `about 3 min left, from the last 10 runs`. */
  estimate?: (task: TaskDetail) => string | undefined
  /** The server's now (epoch seconds) for the time elapsed; default: the stage's start. */
  nowSec?: () => number
  /**
   * The task existed before this step (wait, approve, retry): the first snapshot says
   * where it is in one line instead of replaying what ended before the step began.
   */
  joined?: boolean
}

// Not started, or an approval gate: the approval log says it.
const QUIET: ReadonlySet<string> = new Set(['', ...AWAITING_APPROVAL])

function endLine(
  what: string,
  status: string,
  seconds: number | undefined,
  error: string | undefined
): string {
  if (status === 'skipped') return `↷ ${what} skipped`
  const took =
    seconds === undefined
      ? ''
      : ` in ${formatDuration(seconds * 1000, 'clock')}`
  const why = error ? `: ${untrusted(error)}` : ''
  return `${statusIcon(status)} ${what} ${untrusted(statusWord(status))}${took}${why}`
}

function jobLine(job: TaskJob, before: string): string | undefined {
  const now = normalizeStatus(job.status)
  if (now === before || QUIET.has(now)) return undefined
  const what = `job ${untrusted(jobName(job))}`
  if (ACTIVE.has(now))
    return ACTIVE.has(before) ? undefined : `▶ ${what} running`
  if (STEP_ENDED.has(now))
    return endLine(what, now, jobDurationSeconds(job), job.error)
  if (now === 'wait_for_manual_error_handling')
    return `⚠ ${what} failed and waits for someone to decide how to go on`
  return `⏸ ${what}: ${untrusted(now)}`
}

/** `stage 2 of 4 (deploy)`: where the stage sits, for people reading the log. */
function stagePlace(task: TaskDetail, stage: TaskStage): string {
  const stages = task.stages ?? []
  const n = stages.indexOf(stage) + 1
  return `stage ${n} of ${stages.length} (${untrusted(stage.name)})`
}

function stageStartLine(
  task: TaskDetail,
  stage: TaskStage,
  before: string,
  options: ProgressOptions
): string | undefined {
  const now = normalizeStatus(stage.status)
  if (now === 'pause' && before !== 'pause')
    return `⏸ stage ${untrusted(stage.name)} waits to be started by hand`
  if (!ACTIVE.has(now) || ACTIVE.has(before)) return undefined
  // In the server's time, so that it is right whatever the runner's clock says.
  const at = options.nowSec?.() ?? stage.start_time
  const elapsed = spanSeconds(task.start_time, at)
  const left = options.estimate?.(task)
  return [
    `▶ ${stagePlace(task, stage)} started`,
    elapsed === undefined
      ? undefined
      : `${formatDuration(elapsed * 1000, 'clock')} elapsed`,
    left
  ]
    .filter(Boolean)
    .join(' · ')
}

function stageEndLine(stage: TaskStage, before: string): string | undefined {
  const now = normalizeStatus(stage.status)
  if (now === before || !STEP_ENDED.has(now)) return undefined
  const seconds = spanSeconds(stage.start_time, stage.end_time)
  return endLine(`stage ${untrusted(stage.name)}`, now, seconds, stage.error)
}

function taskLine(
  task: TaskDetail,
  before: string | undefined
): string | undefined {
  const now = normalizeStatus(task.status)
  if (now === before) return undefined
  const what = `task #${task.task_id}`
  if (QUEUED.has(now)) {
    if (isTerminal(before))
      return `↻ ${what} was restarted and is queued (${untrusted(now)})`
    if (!QUEUED.has(before ?? ''))
      return `⏳ ${what} is queued (${untrusted(now)})`
    return undefined
  }
  if (now === 'running') {
    if (before === 'pause') return `▶ ${what} resumed`
    const fresh = !before || QUEUED.has(before) || isTerminal(before)
    return fresh ? `▶ ${what} started` : undefined
  }
  if (isTerminal(now)) {
    const start = task.start_time || task.create_time
    return endLine(what, now, spanSeconds(start, task.end_time), undefined)
  }
  if (now === 'pause') return `⏸ ${what} paused`
  return QUIET.has(now) ? undefined : `• ${what} is ${untrusted(now)}`
}

/** `2026-12-02 17:02:05 UTC` from epoch seconds. */
function serverTime(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** The first line about a task this step did not start: where it is, since when. */
function joinLine(task: TaskDetail, options: ProgressOptions): string {
  const what = `task #${task.task_id}`
  if (isTerminal(task.status)) return taskLine(task, undefined) ?? ''
  const queued = QUEUED.has(normalizeStatus(task.status))
  const since =
    (queued ? task.create_time : task.start_time) || task.create_time
  const state = queued ? 'queued' : 'already running'
  if (!since) return `▶ following ${what} (${state})`
  const ago = spanSeconds(since, options.nowSec?.())
  return [
    `${queued ? '⏳' : '▶'} following ${what} (${state} since ${serverTime(since)}`,
    ago === undefined ? ')' : `, ${formatDuration(ago * 1000, 'clock')} ago)`
  ].join('')
}

/**
 * Logs task progress on change only. Server text goes through `untrusted()`;
 * approval gates are left to the poller, which says who must approve.
 */
export function createProgressLogger(
  log: Logger,
  taskUrl: string,
  options: ProgressOptions = {}
): ProgressLogger {
  let taskStatus: string | undefined
  let taskError = ''
  const stages = new Map<string, string>()
  const jobs = new Map<string, string>()
  const emit = (line: string | undefined): void => {
    if (line) log.info(line)
  }
  const observeStage = (task: TaskDetail, stage: TaskStage): void => {
    const before = stages.get(stage.name) ?? ''
    emit(stageStartLine(task, stage, before, options))
    for (const job of stage.jobs ?? []) {
      const key = `${stage.name}\u0000${job.name}`
      emit(jobLine(job, jobs.get(key) ?? ''))
      jobs.set(key, normalizeStatus(job.status))
    }
    emit(stageEndLine(stage, before))
    stages.set(stage.name, normalizeStatus(stage.status))
  }
  // Records a snapshot without logging it: the baseline that changes are logged from.
  const remember = (task: TaskDetail): void => {
    taskStatus = normalizeStatus(task.status)
    taskError = task.error ?? ''
    for (const stage of task.stages ?? []) {
      stages.set(stage.name, normalizeStatus(stage.status))
      for (const job of stage.jobs ?? [])
        jobs.set(`${stage.name}\u0000${job.name}`, normalizeStatus(job.status))
    }
  }
  return {
    observe(task) {
      if (options.joined && taskStatus === undefined) {
        emit(joinLine(task, options))
        remember(task)
        return
      }
      const line = taskLine(task, taskStatus)
      const ended = isTerminal(task.status)
      // Queued/started before the stages, finished after them.
      if (!ended) emit(line)
      taskStatus = normalizeStatus(task.status)
      for (const stage of task.stages ?? []) observeStage(task, stage)
      if (task.error && task.error !== taskError)
        emit(`✖ task error: ${untrusted(task.error)} (${taskUrl})`)
      taskError = task.error ?? ''
      if (ended) emit(line)
    }
  }
}
