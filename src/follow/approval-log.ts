// Approval gates in the log: who must approve, once per gate, and who decided.
import { untrusted } from '../log.js'
import type { Logger } from '../log.js'
import {
  AWAITING_APPROVAL,
  isTerminal,
  normalizeStatus
} from '../zadig/status.js'
import { decidedOutsideZadig } from '../zadig/approval-gate.js'
import type { PendingApproval } from '../zadig/approval-gate.js'
import type { ApproveUser, NativeApproval, TaskDetail } from '../zadig/types.js'

/** Called with each snapshot and the gate waiting in it (or null). */
export type ApprovalLogger = (
  task: TaskDetail,
  gate: PendingApproval | null
) => void

function gateName(gate: PendingApproval): string {
  if (gate.model === 'stage') return `stage "${untrusted(gate.stage)}"`
  const what =
    gate.jobType === 'ai-release-specialist' ? 'AI release check' : 'job'
  return `${what} "${untrusted(gate.label)}" in stage "${untrusted(gate.stage)}"`
}

// needed_approvers 0 passes on ZadigX's next tick without anyone (docs/zadigx-api.md#approvals).
function neededText(gate: PendingApproval): string {
  if (gate.neededApprovers > 0) return `, ${gate.neededApprovers} needed`
  return gate.voters.length ? ', none needed: ZadigX passes it by itself' : ''
}

function waitingLine(gate: PendingApproval, taskUrl: string): string {
  const about = gate.description ? `: ${untrusted(gate.description)}` : ''
  const app = decidedOutsideZadig(gate)
  if (app)
    return (
      `Waiting for ${gateName(gate)} to be decided in ${app} (${untrusted(gate.type)} approval)${about}. ` +
      `Only ${app} can decide it: operation approve or reject cannot. Task: ${taskUrl}`
    )
  const who = gate.approvers.length
    ? gate.approvers.map(untrusted).join(', ')
    : 'an allowed approver'
  return (
    `Waiting for approval of ${gateName(gate)} by ${who} ` +
    `(${untrusted(gate.type)} approval${neededText(gate)})${about}. Approve at ${taskUrl}`
  )
}

interface Decision {
  status: string
  approved: string[]
  rejected: string[]
}

/** Where the gate stands in a later snapshot, in either approval model. */
function decisionOf(gate: PendingApproval, task: TaskDetail): Decision {
  let status = ''
  let users: ApproveUser[] = []
  for (const stage of task.stages ?? []) {
    if (gate.model === 'stage' && stage.name === gate.target) {
      status = stage.approval?.status || stage.status
      users = stage.approval?.native_approval?.approve_users ?? []
    }
    const job = stage.jobs?.find(j => j.name === gate.target)
    if (gate.model === 'job' && job) {
      status = job.status
      const native = job.spec?.native_approval as NativeApproval | undefined
      users = native?.approve_users ?? []
    }
  }
  const by = (vote: string): string[] =>
    users.filter(u => u.reject_or_approve === vote).map(u => u.user_name)
  return { status, approved: by('approve'), rejected: by('reject') }
}

function settledLine(gate: PendingApproval, task: TaskDetail): string | null {
  const d = decisionOf(gate, task)
  const names = (list: string[]): string => list.map(untrusted).join(', ')
  if (d.rejected.length)
    return `✖ ${gateName(gate)} rejected by ${names(d.rejected)}`
  if (d.approved.length)
    return `✔ ${gateName(gate)} approved by ${names(d.approved)}`
  const status = normalizeStatus(d.status)
  // Seen waiting again: a restart we could not tell apart; the new gate speaks.
  if (AWAITING_APPROVAL.has(status)) return null
  return `${gateName(gate)} is no longer waiting for approval (${untrusted(status || 'gone')})`
}

/**
 * Says once per gate (per gate target and task restart) who must approve, and
 * once when it is decided. A restart is a task leaving a terminal status or
 * `is_restart` turning true.
 */
export function createApprovalLogger(
  log: Logger,
  taskUrl: string
): ApprovalLogger {
  const announced = new Set<string>()
  const settled = new Set<string>()
  let generation = 0
  let last: TaskDetail | null = null
  let current: { key: string; gate: PendingApproval } | null = null
  return (task: TaskDetail, gate: PendingApproval | null): void => {
    const restarted =
      last !== null &&
      ((isTerminal(last.status) && !isTerminal(task.status)) ||
        (!last.is_restart && task.is_restart === true))
    if (restarted) generation++
    last = task
    const key = gate
      ? `${generation}\u0000${gate.model}\u0000${gate.target}`
      : ''
    if (current && current.key !== key && !settled.has(current.key)) {
      settled.add(current.key)
      const line = settledLine(current.gate, task)
      if (line) log.info(line)
    }
    if (gate && !announced.has(key)) {
      announced.add(key)
      log.info(waitingLine(gate, taskUrl))
    }
    current = gate ? { key, gate } : null
  }
}
