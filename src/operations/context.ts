// What every operation receives, and the state it fills in as it goes, so that the
// outputs can be written from whatever was known when something failed.
import type { Clock } from '../clock.js'
import type { EnvReport } from '../env-report.js'
import type { QualityReport } from '../quality-summary.js'
import type { StatsReport } from '../stats-report.js'
import type { GitHubRun } from '../github/context.js'
import type { ActionInputs } from '../inputs.js'
import type { JobLog } from '../report.js'
import type { Logger } from '../log.js'
import type { ZadigClient } from '../zadig/client.js'
import type { PendingApproval } from '../zadig/approval-gate.js'
import type { ActionResult } from '../zadig/status.js'
import type { TaskBrief, TaskDetail } from '../zadig/types.js'
import type { LogChoice } from '../follow/log-mode.js'
import type { TaskObserver } from '../follow/task.js'
import type { TaskRef, WorkflowKind } from './task-ref.js'
import type { Fingerprint } from './trigger-fingerprint.js'

/** Collaborators of an operation; `inputs` are typed as the operation declared them. */
export interface OperationDeps<Inputs = ActionInputs> {
  inputs: Inputs
  client: ZadigClient
  /** The task routes of `inputs.workflowType`, chosen once (task-ref.ts). */
  kind: WorkflowKind
  clock: Clock
  log: Logger
  /** Aborts when the GitHub job is being cancelled. */
  signal?: AbortSignal
  /** The GitHub event, when use-github-ref or a GitHub report needs it. */
  github?: GitHubRun
  /** The step's own observers of a followed task (post-step record, GitHub report). */
  observers?: TaskObserver[]
  /** Saves what the post step needs (post-state.ts) before anything can be orphaned. */
  track?: (task: TrackedTask) => void
  /** Told when an environment rollout starts (the GitHub report); its end comes from run(). */
  rolloutStarted?: () => Promise<void>
  /** Which job logs to show while a task is followed (`logs`, auto resolved); none when absent. */
  logs?: LogChoice
}

/** A trigger sent whose task id is not known yet: enough to find its task again. */
export interface PendingTrigger {
  /** The newest task id before sending; undefined when the list could not be read. */
  afterTaskId?: number
  /** The token's user (`task_creator` of the tasks it starts), when the token says. */
  creator?: string
  /** Digests of the values sent (trigger-fingerprint.ts). */
  sent: Fingerprint
}

/** What the post step needs to find a task the main step was following or starting. */
export interface TrackedTask {
  workflowKey: string
  /** Absent while a trigger is in flight or its task is being looked for. */
  taskId?: number
  /** The trigger in flight, when its task id is not known. */
  trigger?: PendingTrigger
  /** True once the main step has nothing left to do for it. */
  done: boolean
}

/** Filled progressively; read by the outputs and the summary on every exit path. */
export interface OperationState {
  projectKey: string
  workflowKey: string
  workflowName?: string
  taskId?: number
  taskUrl?: string
  task?: TaskDetail | null
  data?: unknown
  /** Failed jobs' last log lines (src/follow/job-logs.ts). */
  jobLogs?: JobLog[]
  /** The workflow's newest tasks, read before a trigger (recovery baseline, history). */
  recentTasks?: TaskBrief[]
  /**
   * The task being followed, until the follow ends by its own rules: a throw while it
   * is set leaves a task the step must not abandon (follow/task.ts cancelAbandoned).
   */
  following?: TaskRef
  /** The environment an environment operation acts on, as far as it is known. */
  env?: EnvReport
  /** A two-column table for the summary (quality-summary.ts): a test or scan task's totals, a new project's environments. */
  quality?: QualityReport
  /** What get-stats read, for the summary. */
  stats?: StatsReport
}

/** How an operation ended. */
export interface OperationOutcome {
  result: ActionResult
  /** Why the step fails (or a note for the summary). */
  message?: string
  pendingApproval?: PendingApproval | null
}
