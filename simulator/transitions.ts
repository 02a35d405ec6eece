// Task, stage and job transitions (docs/zadigx-api.md#task-statuses; v1.18 workflowcontroller
// workflow.go/stage.go): what happens when something starts or ends.
import type { JobOutcome, JobScript } from './catalog.js'
import type { JobRun, StageRun, TaskRun } from './model.js'

/**
 * Statuses after which a task changes only through cancel or retry; `skipped` when
 * every job was skipped by its execute policy (v4.1+, workflowcontroller/workflow.go,
 * v5.0.0:519,556).
 */
export const TERMINAL_TASK = new Set([
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  'skipped'
])

// A passed or skipped job or stage lets the next one start.
function movesOn(status: string): boolean {
  return status === 'passed' || status === 'skipped'
}

// v1.18 updateworkflowStatus priority (docs/zadigx-api.md#task-statuses).
const PRIORITY = [
  'reject',
  'cancelled',
  'timeout',
  'failed',
  'passed',
  'skipped'
]

/** Where the runner reads a job's current script. */
export type ScriptSource = (task: TaskRun, job: JobRun) => JobScript

/** The highest-priority status among `statuses`; `passed` when none ranks. */
function byPriority(statuses: string[]): string {
  return PRIORITY.find(p => statuses.includes(p)) ?? 'passed'
}

/** Before v4.1 there are no execute policies: a job scripted `skipped` runs and passes. */
export function withoutSkips(script: JobScript): JobScript {
  const o = script.outcome
  const fix = (x: JobOutcome): JobOutcome => (x === 'skipped' ? 'passed' : x)
  return { ...script, outcome: Array.isArray(o) ? o.map(fix) : fix(o) }
}

/** The scripted outcome of attempt `attempt` (0 = first run; the last entry repeats). */
export function outcomeFor(script: JobScript, attempt: number): JobOutcome {
  const o = script.outcome
  if (!Array.isArray(o)) return o
  return o[Math.min(attempt, o.length - 1)] ?? 'passed'
}

function defaultError(job: JobRun, outcome: string): string {
  if (outcome === 'failed') return 'step "shell" exited with code 1'
  if (outcome === 'timeout') return `job ${job.originName} timed out`
  return ''
}

/** Ends the task with the highest-priority stage status (docs/zadigx-api.md#task-statuses). */
export function finishTask(task: TaskRun, at: number): void {
  task.status = byPriority(task.stages.map(s => s.status))
  task.endMs = at
}

function finishStage(
  task: TaskRun,
  stage: StageRun,
  status: string,
  at: number,
  src: ScriptSource
): void {
  stage.status = status
  stage.endMs = at
  if (movesOn(status)) startNextStage(task, at, src)
  else finishTask(task, at)
}

function copyImage(task: TaskRun, job: JobRun): void {
  const from = job.imageFrom
  if (!from) return
  const build = task.stages
    .flatMap(s => s.jobs)
    .find(
      j =>
        j.originName === from.jobName &&
        j.jobInfo.service_name === from.service &&
        j.jobInfo.service_module === from.module
    )
  const images = job.spec.service_and_images as { image?: unknown }[]
  for (const image of images ?? []) image.image = build?.spec.image ?? ''
}

function startJob(
  task: TaskRun,
  job: JobRun,
  at: number,
  src: ScriptSource
): void {
  job.startMs = at
  if (job.approval) {
    job.status = 'wait_for_approval'
    job.approval.startMs = at
    return
  }
  const script = src(task, job)
  job.status = 'running'
  job.plannedOutcome = outcomeFor(script, task.retries)
  // The execute policy is checked before the job starts (jobcontroller/job.go, v5.0.0:252).
  const skipped = job.plannedOutcome === 'skipped'
  job.plannedEndMs = skipped ? at : at + Math.max(0, script.durationSec) * 1000
  job.plannedError = script.error
  job.log = script.log ? [...script.log] : undefined
  copyImage(task, job)
}

/** Starts a stage's unfinished jobs: all at once if parallel, else the first. */
export function startJobs(
  task: TaskRun,
  stage: StageRun,
  at: number,
  src: ScriptSource
): void {
  const todo = stage.jobs.filter(j => j.status === '')
  if (todo.length === 0)
    return finishStage(task, stage, stageStatus(stage), at, src)
  for (const job of stage.parallel ? todo : todo.slice(0, 1))
    startJob(task, job, at, src)
}

function startStage(
  task: TaskRun,
  stage: StageRun,
  at: number,
  src: ScriptSource
): void {
  // v1.18 waitForApprove: a passed approval is not asked again after a retry.
  if (stage.approval && stage.approval.status !== 'passed') {
    stage.status = 'waitforapprove'
    task.status = 'waitforapprove'
    stage.approval.startMs = at
    return
  }
  stage.status = 'running'
  stage.startMs = at
  startJobs(task, stage, at, src)
}

/** Starts the first stage not yet run, or ends the task when none is left. */
export function startNextStage(
  task: TaskRun,
  at: number,
  src: ScriptSource
): void {
  const next = task.stages.find(s => s.status === '')
  if (next) startStage(task, next, at, src)
  else finishTask(task, at)
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14)
}

/** Ends a job and moves its stage (and maybe the task) on. */
export function finishJob(
  task: TaskRun,
  stage: StageRun,
  job: JobRun,
  status: string,
  at: number,
  src: ScriptSource
): void {
  job.status = status
  job.endMs = at
  job.error =
    movesOn(status) || status === 'reject'
      ? ''
      : (job.plannedError ?? defaultError(job, status))
  if (status === 'passed' && job.imageRef)
    job.spec.image = `${job.imageRef.repo}:${timestamp(at)}-${job.imageRef.suffix}`
  if (stage.parallel) {
    const busy = stage.jobs.some(
      j => j.status === 'running' || j.status === 'wait_for_approval'
    )
    if (!busy) finishStage(task, stage, stageStatus(stage), at, src)
    return
  }
  const next = stage.jobs.find(j => j.status === '')
  if (!movesOn(status)) finishStage(task, stage, status, at, src)
  else if (next) startJob(task, next, at, src)
  else finishStage(task, stage, stageStatus(stage), at, src)
}

// Only skipped jobs: the stage is skipped (workflowcontroller/stage.go, v5.0.0:137).
function stageStatus(stage: StageRun): string {
  return byPriority(stage.jobs.map(j => j.status))
}
