// Approval gates a task waits on, in both ZadigX approval models, and who may decide them
// through the OpenAPI approve route (docs/zadigx-api.md#approvals, #approve-task).
import { isStatus, normalizeStatus } from './status.js'
import type { NativeApproval, TaskDetail, TaskJob, TaskStage } from './types.js'

/** One listed approver and what they decided so far (`''` = nothing yet). */
export interface ApprovalVoter {
  name: string
  id: string
  decision: string
}

/** A gate that needs a person's decision, in either approval model. */
export interface PendingApproval {
  /** `stage` = ZadigX v1.7 .. Zadig v3.0 stage approval; `job` = v3.1+ approval job. */
  model: 'stage' | 'job'
  /** The value to send as `stage_name` when approving (docs/zadigx-api.md#approve-task, portable rule). */
  target: string
  stage: string
  /** Display name for logs. */
  label: string
  /** `native`, `lark`, `lark_intl`, `dingtalk` or `workwx`. */
  type: string
  /** The job type for job gates: `approval`, or Zadig v5.0's `ai-release-specialist`. */
  jobType?: string
  description: string
  approvers: string[]
  neededApprovers: number
  approvedBy: string[]
  voters: ApprovalVoter[]
}

// Job types that wait in `wait_for_approval` and are decided through the approve route
// under their job-task name: approval jobs (v3.1+) and, on Zadig v5.0, AI release checks
// that ask their confirm users (a native approval, listed users only through the OpenAPI).
const GATE_JOB_TYPES: ReadonlySet<string> = new Set([
  'approval',
  'ai-release-specialist'
])

// Only native approvals are registered under the key the approve route looks up; the
// others are decided in their app, and the route answers "not found approval".
const DECIDED_IN: Record<string, string> = {
  lark: 'Lark (Feishu)',
  lark_intl: 'Lark',
  dingtalk: 'DingTalk',
  workwx: 'WorkWX (WeCom)'
}

/** The app where a gate that is not a native approval must be decided, if it is one. */
export function decidedOutsideZadig(gate: PendingApproval): string | undefined {
  const type = normalizeStatus(gate.type)
  if (type === '' || type === 'native') return undefined
  return DECIDED_IN[type] ?? `its ${gate.type} app`
}

// The native-approval block reads the same in both models: who may decide,
// how many must, and who has decided.
function approvalPeople(native: NativeApproval | null | undefined) {
  const voters = (native?.approve_users ?? []).map(u => ({
    name: u.user_name,
    id: u.user_id ?? '',
    decision: u.reject_or_approve ?? ''
  }))
  return {
    approvers: voters.map(v => v.name).filter(n => n !== ''),
    neededApprovers: Number(native?.needed_approvers ?? 0),
    approvedBy: voters.filter(v => v.decision === 'approve').map(v => v.name),
    voters
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
    type: String(spec.type || 'native'),
    jobType: normalizeStatus(job.type),
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
 * Finds the approval gate that is waiting now, with the portable rule of docs/zadigx-api.md#approve-task:
 * an approval job in `wait_for_approval` first, else a stage in `waitforapprove`.
 */
export function findPendingApproval(task: TaskDetail): PendingApproval | null {
  const stages = task.stages ?? []
  for (const stage of stages) {
    for (const job of stage.jobs ?? []) {
      if (
        GATE_JOB_TYPES.has(normalizeStatus(job.type)) &&
        isStatus(job.status, 'wait_for_approval')
      )
        return jobApproval(stage, job)
    }
  }
  for (const stage of stages) {
    if (isStatus(stage.status, 'waitforapprove')) return stageApproval(stage)
  }
  return null
}
