// The engine's own record of a task. Times are virtual epoch milliseconds; the views
// turn them into the wire's epoch seconds.
import type { Param } from './wire.js'
import type { AutoDecide, JobScript } from './catalog.js'
import type { Profile } from './profiles.js'

/** One approver's entry, as task detail shows it. */
export interface ApproverEntry {
  user_id: string
  user_name: string
  reject_or_approve: '' | 'approve' | 'reject'
  comment: string
  operation_time: number
}

/** A decision recorded by the API or the UI, visible on the next controller tick. */
export interface PendingDecision {
  userId: string
  approve: boolean
  comment: string
  atMs: number
  applyAtMs: number
}

/** A native approval gate: a v1.7 stage approval or a 'current' approval job. */
export interface ApprovalRun {
  description: string
  timeoutMin: number
  neededApprovers: number
  users: ApproverEntry[]
  status: string
  rejectOrApprove: '' | 'approve' | 'reject'
  startMs?: number
  endMs?: number
  pending: PendingDecision[]
  autoDecide?: AutoDecide
  autoFired: boolean
}

/** One job task (a configured job may expand into several). */
export interface JobRun {
  name: string
  key: string
  displayName: string
  originName: string
  type: string
  status: string
  startMs?: number
  endMs?: number
  error: string
  /** Job-task spec summary as the wire shows it; reset from `initialSpec` on retry. */
  spec: Record<string, unknown>
  initialSpec: Record<string, unknown>
  jobInfo: Record<string, unknown>
  /** Script captured at trigger; the live definition wins when the job starts. */
  script: JobScript
  /** Set when the job starts: when and how it will end. */
  plannedEndMs?: number
  plannedOutcome?: string
  plannedError?: string
  /** Set when the job starts: the log lines it writes over its run (job-logs.ts). */
  log?: string[]
  approval?: ApprovalRun
  /** Seeded history pins its scripts instead of reading the live definition. */
  scriptPinned?: boolean
  /** Build jobs: where the image goes once the job passes. */
  imageRef?: { repo: string; suffix: string }
  /** Deploy jobs fed by a build job: copy its image when starting. */
  imageFrom?: { jobName: string; service: string; module: string }
}

/** One stage of a task. */
export interface StageRun {
  name: string
  parallel: boolean
  status: string
  startMs?: number
  endMs?: number
  error: string
  /** Stage-approval profiles only; absent when the stage has no enabled approval. */
  approval?: ApprovalRun
  /** The stored stage had no approval at all: task detail shows `approval: null`. */
  approvalMissing?: boolean
  jobs: JobRun[]
}

/** A workflow task. */
export interface TaskRun {
  taskId: number
  workflowKey: string
  workflowName: string
  projectKey: string
  /** The profile whose shapes the task follows (the workflow's model). */
  model: Profile
  creator: string
  revoker?: string
  createMs: number
  startMs: number
  endMs?: number
  status: string
  error: string
  /** Never set by a v4 retry (source-audit S1); always false. */
  isRestart: boolean
  /** Number of retries so far: the attempt index for scripted outcomes. */
  retries: number
  queueSec: number
  /** When a `waiting` task starts running. */
  readyAtMs: number
  params: Param[]
  stages: StageRun[]
}

/** Builds a fresh, undecided approval. */
export function newApproval(
  description: string,
  timeoutMin: number,
  neededApprovers: number,
  users: { user_id: string; user_name: string }[],
  autoDecide?: AutoDecide
): ApprovalRun {
  return {
    description,
    timeoutMin,
    neededApprovers,
    users: users.map(u => ({
      user_id: u.user_id,
      user_name: u.user_name,
      reject_or_approve: '',
      comment: '',
      operation_time: 0
    })),
    status: '',
    rejectOrApprove: '',
    pending: [],
    autoDecide,
    autoFired: false
  }
}

/** The object elements of a JSON array; none when `value` is not an array. */
export function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (v): v is Record<string, unknown> => typeof v === 'object' && v !== null
      )
    : []
}

/** Deep copy of JSON-like data (specs, params). */
export function clone<T>(value: T): T {
  return structuredClone(value)
}
