// Task, stage and job statuses (reference 4.1 / 4.2) and the action's result mapping.
import type { NativeApproval, TaskDetail, TaskJob, TaskStage } from './types.js'

/** Every status string a v4 task, stage or job can carry across ZadigX v1.7 .. Zadig HEAD. */
export type TaskStatus =
  | 'created'
  | 'waiting'
  | 'queued'
  | 'blocked'
  | 'pending'
  | 'running'
  | 'prepare'
  | ''
  | 'passed'
  | 'failed'
  | 'timeout'
  | 'cancelled'
  | 'reject'
  | 'skipped'
  | 'waitforapprove'
  | 'wait_for_approval'
  | 'pause'
  | 'unstable'
  | 'wait_for_manual_error_handling'
  | 'debug_before'
  | 'debug_after'
  | 'distributed'

/** Task statuses after which nothing more happens (until a retry). */
export const TERMINAL: ReadonlySet<string> = new Set([
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  // Zadig v4.1+ ends a task `skipped` when its execute policies skipped every job
  // (docs/zadigx-api.md#task-statuses).
  'skipped'
])

/** A task still in the queue: it has a start_time (its creation) but no stage runs yet. */
export const QUEUED: ReadonlySet<string> = new Set([
  'created',
  'waiting',
  'queued',
  'blocked',
  'pending'
])

/** Stage and job statuses after which that stage or job does nothing more. */
export const STEP_ENDED: ReadonlySet<string> = new Set([
  'passed',
  'failed',
  'timeout',
  'cancelled',
  'reject',
  'skipped',
  'unstable'
])

/** The only successful task status. */
export const SUCCESS: ReadonlySet<string> = new Set(['passed'])

/** What the action reports in its `result` output. */
export type ActionResult =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'timeout'
  | 'rejected'
  | 'waiting-approval'
  | 'running'
  | 'skipped'

/** Statuses the server may return in a different case (HEAD lower-cases list statuses). */
export function normalizeStatus(status: string | undefined | null): string {
  return (status ?? '').trim().toLowerCase()
}

/** True when the task will not change any more by itself. */
export function isTerminal(status: string | undefined | null): boolean {
  return TERMINAL.has(normalizeStatus(status))
}

/** Maps a terminal (or current) task status to the action's `result`. */
export function resultOf(status: string | undefined | null): ActionResult {
  switch (normalizeStatus(status)) {
    case 'passed':
      return 'success'
    case 'failed':
      return 'failure'
    case 'timeout':
      return 'timeout'
    case 'cancelled':
      return 'cancelled'
    case 'reject':
      return 'rejected'
    case 'skipped':
      return 'skipped'
    case 'waitforapprove':
      return 'waiting-approval'
    default:
      return 'running'
  }
}

/** A gate that needs a person's decision, in either approval model. */
export interface PendingApproval {
  /** `stage` = ZadigX v1.7 .. Zadig v3.0 stage approval; `job` = v3.1+ approval job. */
  model: 'stage' | 'job'
  /** The value to send as `stage_name` when approving (reference 3.8, portable rule). */
  target: string
  stage: string
  /** Display name for logs. */
  label: string
  type: string
  description: string
  approvers: string[]
  neededApprovers: number
  approvedBy: string[]
}

// The native-approval block reads the same in both models: who may decide,
// how many must, and who has approved.
function approvalPeople(native: NativeApproval | null | undefined) {
  const users = native?.approve_users ?? []
  return {
    approvers: users.map(u => u.user_name).filter(n => n !== ''),
    neededApprovers: Number(native?.needed_approvers ?? 0),
    approvedBy: users
      .filter(u => u.reject_or_approve === 'approve')
      .map(u => u.user_name)
  }
}

function jobApproval(stage: TaskStage, job: TaskJob): PendingApproval {
  const spec = (job.spec ?? {}) as Record<string, unknown>
  const native = spec.native_approval as NativeApproval | null | undefined
  return {
    model: 'job',
    target: job.name,
    stage: stage.name,
    label: job.display_name || job.origin_name || job.name,
    type: String(spec.type ?? 'native'),
    description: String(spec.description ?? ''),
    ...approvalPeople(native)
  }
}

function stageApproval(stage: TaskStage): PendingApproval {
  const approval = stage.approval
  return {
    model: 'stage',
    target: stage.name,
    stage: stage.name,
    label: stage.name,
    type: approval?.type || 'native',
    description: approval?.description ?? '',
    ...approvalPeople(approval?.native_approval)
  }
}

/**
 * Finds the approval gate that is waiting now, with the portable rule of reference 3.8:
 * an approval job in `wait_for_approval` first, else a stage in `waitforapprove`.
 */
export function findPendingApproval(task: TaskDetail): PendingApproval | null {
  const stages = task.stages ?? []
  for (const stage of stages) {
    for (const job of stage.jobs ?? []) {
      if (
        normalizeStatus(job.type) === 'approval' &&
        normalizeStatus(job.status) === 'wait_for_approval'
      )
        return jobApproval(stage, job)
    }
  }
  for (const stage of stages) {
    if (normalizeStatus(stage.status) === 'waitforapprove')
      return stageApproval(stage)
  }
  return null
}
