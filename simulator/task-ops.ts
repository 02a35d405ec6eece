// Cancel and retry (docs/zadigx-api.md#cancel-task, #retry-task; v1.18 CancelWorkflowTask, RetryWorkflowTaskV4)
// and finding the approval gate a decision targets (docs/zadigx-api.md#approve-task).
import type { ApprovalRun, TaskRun } from './model.js'
import { clone, newApproval } from './model.js'
import { TERMINAL_TASK } from './transitions.js'

const RETRYABLE = new Set(['failed', 'timeout', 'cancelled', 'reject'])

/** Why cancel or retry was refused. */
export class TaskOpError extends Error {}

/** Cancels; a passed task is refused, other finished tasks are overwritten (quirk). */
export function cancelTask(task: TaskRun, user: string, at: number): void {
  if (task.status === 'passed')
    throw new TaskOpError(
      `task: ${task.workflowKey}:${task.taskId} is passed, cannot cancel`
    )
  const wasActive = !TERMINAL_TASK.has(task.status)
  task.status = 'cancelled'
  task.revoker = user
  if (!wasActive) return
  task.endMs = at
  for (const stage of task.stages) {
    if (stage.status !== 'running' && stage.status !== 'waitforapprove')
      continue
    if (stage.approval && stage.status === 'waitforapprove') {
      stage.approval.status = 'cancelled'
      stage.approval.endMs = at
    }
    stage.status = 'cancelled'
    stage.endMs = at
    for (const job of stage.jobs) {
      if (job.status !== 'running' && job.status !== 'wait_for_approval')
        continue
      job.status = 'cancelled'
      job.endMs = at
    }
  }
}

function resetApproval(approval: ApprovalRun): void {
  Object.assign(
    approval,
    newApproval(
      approval.description,
      approval.timeoutMin,
      approval.neededApprovers,
      approval.users,
      approval.autoDecide
    )
  )
}

/** Re-queues the same task: passed stages and jobs are kept, the rest run again. */
export function retryTask(task: TaskRun, at: number): void {
  if (!RETRYABLE.has(task.status))
    throw new TaskOpError('工作流任务状态无法重试')
  task.retries += 1
  // RetryWorkflowTaskV4 never sets IsRestart (source-audit S1): it stays false.
  task.status = 'waiting'
  task.startMs = at
  task.readyAtMs = at + task.queueSec * 1000
  task.endMs = undefined
  task.error = ''
  for (const stage of task.stages) {
    if (stage.status === 'passed') continue
    Object.assign(stage, { status: '', error: '' })
    stage.startMs = stage.endMs = undefined
    if (stage.approval && stage.approval.status !== 'passed')
      resetApproval(stage.approval)
    for (const job of stage.jobs) {
      if (job.status === 'passed') continue
      Object.assign(job, {
        status: '',
        error: '',
        spec: clone(job.initialSpec)
      })
      job.startMs = job.endMs = job.plannedEndMs = undefined
      if (job.approval) resetApproval(job.approval)
    }
  }
}

/**
 * The open gate named `target`: a stage name for stage approvals (v1.7 model), the
 * job-task name for approval jobs ('current' model). Without a target, any open gate.
 */
export function findGate(
  task: TaskRun,
  target?: string
): ApprovalRun | undefined {
  for (const stage of task.stages) {
    if (stage.status === 'waitforapprove') {
      if (target === undefined || stage.name === target) return stage.approval
    }
    for (const job of stage.jobs) {
      if (job.status !== 'wait_for_approval') continue
      if (target === undefined || job.name === target) return job.approval
    }
  }
  return undefined
}
