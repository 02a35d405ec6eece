// The report every operation ends with: what outputs and the job summary are made of
// (docs/design.md, "Report").
import type { EnvReport } from './env-report.js'
import type { QualityReport } from './quality-summary.js'
import type { StatsReport } from './stats-report.js'
import { findPendingApproval } from './zadig/approval-gate.js'
import type { PendingApproval } from './zadig/approval-gate.js'
import { latestStamp } from './follow/polling.js'
import { isTerminal } from './zadig/status.js'
import type { ActionResult } from './zadig/status.js'
import type { TaskDetail, TaskJob, TaskStage } from './zadig/types.js'

/** One job task of a stage, as reported. */
export interface JobReport {
  /** `display_name` (Zadig v3.3+) or the job-task name (ZadigX v1.7). */
  name: string
  type: string
  /** Raw ZadigX status; `''` means not started. */
  status: string
  durationSeconds?: number
  error?: string
}

/** The end of a failed job's log (`logs: failed` or `live`), for the summary and PR comment. */
export interface JobLog {
  /** As people see it (`jobName`). */
  job: string
  status: string
  /** Its last lines, already made safe to print (log-groups.ts `safeLine`). */
  lines: string[]
  /** How many lines the job wrote in all, when more than `lines`. */
  total: number
}

/** One stage of the task, in the server's order. */
export interface StageReport {
  name: string
  status: string
  durationSeconds?: number
  jobs: JobReport[]
}

/** Everything the outputs and the summary need about one step. */
export interface TaskReport {
  operation: string
  projectKey: string
  workflowKey: string
  workflowName?: string
  taskId?: number
  /** ZadigX raw task status. */
  status?: string
  result: ActionResult
  taskUrl?: string
  durationSeconds?: number
  stages: StageReport[]
  /** Why it failed, for the summary. */
  message?: string
  pendingApproval?: PendingApproval | null
  /** Result of list/get operations. */
  data?: unknown
  /** The environment an environment operation acted on. */
  env?: EnvReport
  /** A test or scan task's totals (run-test). */
  quality?: QualityReport
  /** The figures get-stats read. */
  stats?: StatsReport
  /** Failed jobs' last log lines, in the order they ended. */
  jobLogs?: JobLog[]
}

/** What `buildReport` is made from. */
export interface BuildReportArgs {
  operation: string
  projectKey: string
  workflowKey: string
  /** Used when there is no task snapshot. */
  workflowName?: string
  /** Used when there is no task snapshot. */
  taskId?: number
  task: TaskDetail | null
  result: ActionResult
  taskUrl?: string
  message?: string
  /** Omitted: looked up in the snapshot of a task that has not ended. */
  pendingApproval?: PendingApproval | null
  data?: unknown
  env?: EnvReport
  quality?: QualityReport
  stats?: StatsReport
  jobLogs?: JobLog[]
  /** Current time in epoch seconds, for things that are still running. */
  nowSeconds: number
}

/**
 * Seconds from `start` to `end`, or to `nowSeconds` when there is no end yet.
 * Undefined when it has not started (ZadigX omits or zeroes unset times).
 */
export function spanSeconds(
  start: number | undefined,
  end: number | undefined,
  nowSeconds?: number
): number | undefined {
  if (!start) return undefined
  const stop = end || nowSeconds
  if (!stop) return undefined
  return Math.max(0, stop - start)
}

/** A job's duration: the server's `cost_seconds` when set, else its times. */
export function jobDurationSeconds(
  job: TaskJob,
  nowSeconds?: number
): number | undefined {
  if (typeof job.cost_seconds === 'number' && job.cost_seconds > 0)
    return job.cost_seconds
  return spanSeconds(job.start_time, job.end_time, nowSeconds)
}

/** The name people see for a job task, in both naming schemes. */
export function jobName(job: TaskJob): string {
  return job.display_name || job.name
}

function jobReport(job: TaskJob, nowSeconds?: number): JobReport {
  const report: JobReport = {
    name: jobName(job),
    type: job.type,
    status: job.status ?? ''
  }
  const duration = jobDurationSeconds(job, nowSeconds)
  if (duration !== undefined) report.durationSeconds = duration
  if (job.error) report.error = job.error
  return report
}

function stageReport(stage: TaskStage, nowSeconds?: number): StageReport {
  const report: StageReport = {
    name: stage.name,
    status: stage.status ?? '',
    jobs: (stage.jobs ?? []).map(job => jobReport(job, nowSeconds))
  }
  const duration = spanSeconds(stage.start_time, stage.end_time, nowSeconds)
  if (duration !== undefined) report.durationSeconds = duration
  return report
}

/** The task's duration: end (or now) minus start (or creation). */
function taskDuration(task: TaskDetail, now: number): number | undefined {
  return spanSeconds(task.start_time || task.create_time, task.end_time, now)
}

const FAILED: ReadonlySet<ActionResult> = new Set<ActionResult>([
  'failure',
  'cancelled',
  'timeout',
  'rejected'
])

/** The first error text the task carries: task, then stages and jobs in order. */
export function firstError(task: TaskDetail): string | undefined {
  if (task.error) return task.error
  for (const stage of task.stages ?? []) {
    for (const job of stage.jobs ?? []) {
      if (job.error) return `job ${jobName(job)}: ${job.error}`
    }
    if (stage.error) return `stage ${stage.name}: ${stage.error}`
  }
  return undefined
}

/** Builds the report of one step from what is known, however far it got. */
export function buildReport(args: BuildReportArgs): TaskReport {
  const { task } = args
  // The runner's clock may be behind the server's (a skewed host, a sped-up simulator):
  // nothing in the task happened after the server's now, so its latest stamp is a floor.
  const nowSeconds = task
    ? Math.max(args.nowSeconds, latestStamp(task))
    : args.nowSeconds
  // A finished task does not grow any more: no "now" fallback for its parts.
  const now = task && isTerminal(task.status) ? undefined : nowSeconds
  const report: TaskReport = {
    operation: args.operation,
    projectKey: args.projectKey,
    workflowKey: args.workflowKey,
    workflowName: task?.workflow_name || args.workflowName,
    taskId: task?.task_id ?? args.taskId,
    status: task?.status,
    result: args.result,
    taskUrl: args.taskUrl,
    durationSeconds: task ? taskDuration(task, nowSeconds) : undefined,
    stages: (task?.stages ?? []).map(stage => stageReport(stage, now)),
    message:
      args.message ??
      (task && FAILED.has(args.result) ? firstError(task) : undefined),
    pendingApproval:
      args.pendingApproval !== undefined
        ? args.pendingApproval
        : pendingOf(task)
  }
  if (args.data !== undefined) report.data = args.data
  if (args.env) report.env = args.env
  if (args.quality) report.quality = args.quality
  if (args.stats) report.stats = args.stats
  if (args.jobLogs?.length) report.jobLogs = args.jobLogs
  return report
}

function pendingOf(task: TaskDetail | null): PendingApproval | null {
  return task && !isTerminal(task.status) ? findPendingApproval(task) : null
}
