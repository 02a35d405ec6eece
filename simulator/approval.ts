// Native approvals: recording decisions, and the controller tick that applies them
// (v1.18 workflowcontroller/stage.go approveWithLock; HEAD approval service).
import type { ApprovalRun } from './model.js'
import type { Profile } from './profiles.js'

/** How an approval ended. */
export type ApprovalOutcome =
  | { status: 'passed' }
  | { status: 'reject'; user: string }
  | { status: 'timeout' }

/** A decision the server refuses; the message is the 6169 description. */
export class DecisionError extends Error {}

// 0 minutes means the default of 60 (docs/zadigx-api.md#approvals).
function timeoutAt(approval: ApprovalRun): number {
  const minutes = approval.timeoutMin > 0 ? approval.timeoutMin : 60
  return (approval.startMs ?? 0) + minutes * 60_000
}

function autoAt(approval: ApprovalRun): number | undefined {
  if (!approval.autoDecide || approval.autoFired) return undefined
  return (approval.startMs ?? 0) + approval.autoDecide.afterSec * 1000
}

/**
 * The controller polls once per second and writes the task on the next tick, so a
 * decision shows at least one virtual second after it was made, on a whole second.
 */
export function nextTick(ms: number): number {
  return Math.ceil((ms + 1000) / 1000) * 1000
}

/** Records a decision (visible at `applyAtMs`); throws DecisionError when refused. */
export function recordDecision(
  approval: ApprovalRun,
  user: { uid: string; name: string },
  decision: {
    approve: boolean
    comment: string
    atMs: number
    applyAtMs: number
  },
  profile: Profile
): void {
  const entry = approval.users.find(u => u.user_id === user.uid)
  if (!entry) {
    throw new DecisionError(
      `user ${user.name} has no authority to ${profile.approveVerb}`
    )
  }
  const earlier = approval.pending.find(p => p.userId === user.uid)
  const done =
    entry.reject_or_approve ||
    (earlier ? (earlier.approve ? 'approve' : 'reject') : '')
  if (done) throw new DecisionError(`${user.name} have ${done} already`)
  approval.pending.push({ userId: user.uid, ...decision })
}

/** When something can next happen to this approval. */
export function approvalNextAt(approval: ApprovalRun): number {
  const times = approval.pending.map(p => p.applyAtMs)
  const auto = autoAt(approval)
  if (auto !== undefined) times.push(auto)
  times.push(timeoutAt(approval))
  return Math.min(...times)
}

function fireAutoDecide(approval: ApprovalRun, at: number): void {
  const auto = approval.autoDecide
  const due = autoAt(approval)
  if (!auto || due === undefined || due > at) return
  approval.autoFired = true
  const entry = approval.users.find(u => u.user_name === auto.user)
  if (!entry || entry.reject_or_approve) return
  if (approval.pending.some(p => p.userId === entry.user_id)) return
  // A scripted person acts exactly at start + afterSec.
  approval.pending.push({
    userId: entry.user_id,
    approve: auto.approve,
    comment: auto.comment ?? '',
    atMs: due,
    applyAtMs: due
  })
}

function applyDue(approval: ApprovalRun, at: number): void {
  for (const p of approval.pending.filter(d => d.applyAtMs <= at)) {
    const entry = approval.users.find(u => u.user_id === p.userId)
    if (!entry) continue
    entry.reject_or_approve = p.approve ? 'approve' : 'reject'
    entry.comment = p.comment
    entry.operation_time = Math.floor(p.atMs / 1000)
  }
  approval.pending = approval.pending.filter(d => d.applyAtMs > at)
}

function settle(approval: ApprovalRun, at: number, outcome: ApprovalOutcome) {
  approval.endMs = at
  approval.status = outcome.status
  if (outcome.status !== 'timeout')
    approval.rejectOrApprove =
      outcome.status === 'passed' ? 'approve' : 'reject'
  return outcome
}

/** One controller tick at `at`: applies due decisions and reports a final outcome. */
export function tickApproval(
  approval: ApprovalRun,
  at: number
): ApprovalOutcome | undefined {
  fireAutoDecide(approval, at)
  applyDue(approval, at)
  const rejecter = approval.users.find(u => u.reject_or_approve === 'reject')
  if (rejecter)
    return settle(approval, at, { status: 'reject', user: rejecter.user_name })
  const approvals = approval.users.filter(
    u => u.reject_or_approve === 'approve'
  ).length
  if (approvals >= approval.neededApprovers)
    return settle(approval, at, { status: 'passed' })
  if (at >= timeoutAt(approval))
    return settle(approval, at, { status: 'timeout' })
  return undefined
}
