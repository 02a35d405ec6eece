// Task detail as GET /openapi/workflows/custom/task renders it (docs/zadigx-api.md#task-detail):
// WorkflowTaskPreview with the keys the task's profile has, key order as in the
// fixtures.
import type { OpenAPIWorkflowV4Task, WorkflowTaskPreview } from './wire.js'
import type { ApprovalRun, JobRun, StageRun, TaskRun } from './model.js'
import { clone } from './model.js'

type Obj = Record<string, unknown>

function sec(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.floor(ms / 1000)
}

/** Adds `key: value` only when the value is set and non-zero (Go `omitempty`). */
function omitEmpty(
  target: Obj,
  key: string,
  value: number | string | undefined
) {
  if (value) target[key] = value
}

function costSeconds(job: JobRun, now: number): number {
  if (job.startMs === undefined) return 0
  const end = job.endMs ?? now
  return Math.max(0, sec(end)! - sec(job.startMs)!)
}

function stageApproval(approval: ApprovalRun | undefined): Obj {
  if (!approval)
    return { enabled: false, status: '', type: '', description: '' }
  const view: Obj = {
    enabled: true,
    status: approval.status,
    type: 'native',
    description: approval.description
  }
  omitEmpty(view, 'start_time', sec(approval.startMs))
  omitEmpty(view, 'end_time', sec(approval.endMs))
  view.native_approval = {
    timeout: approval.timeoutMin,
    approve_users: approval.users.map(u => ({ ...u })),
    needed_approvers: approval.neededApprovers,
    reject_or_approve: approval.rejectOrApprove
  }
  return view
}

// HEAD approval-job spec: user entries gain decision keys only once they act.
function approvalJobSpec(job: JobRun): Obj {
  const spec = clone(job.spec)
  const native = (spec.native_approval ?? {}) as Obj
  native.approve_users = (job.approval?.users ?? []).map(u => {
    const entry: Obj = {
      type: 'user',
      user_id: u.user_id,
      user_name: u.user_name
    }
    if (!u.reject_or_approve) return entry
    return {
      ...entry,
      reject_or_approve: u.reject_or_approve,
      comment: u.comment,
      operation_time: u.operation_time
    }
  })
  spec.native_approval = native
  return spec
}

function jobV17(job: JobRun, now: number, always: boolean): Obj {
  const view: Obj = { name: job.name, type: job.type, status: job.status }
  omitEmpty(view, 'start_time', sec(job.startMs))
  omitEmpty(view, 'end_time', sec(job.endMs))
  if (always) view.cost_seconds = costSeconds(job, now)
  else omitEmpty(view, 'cost_seconds', costSeconds(job, now))
  return {
    ...view,
    error: job.error,
    breakpoint_before: false,
    breakpoint_after: false,
    spec: clone(job.spec),
    job_info: clone(job.jobInfo)
  }
}

function jobCurrent(job: JobRun, now: number): Obj {
  const view: Obj = {
    name: job.name,
    key: job.key,
    display_name: job.displayName,
    origin_name: job.originName,
    type: job.type,
    status: job.status,
    reverted: false
  }
  omitEmpty(view, 'start_time', sec(job.startMs))
  omitEmpty(view, 'end_time', sec(job.endMs))
  return {
    ...view,
    cost_seconds: costSeconds(job, now),
    error: job.error,
    breakpoint_before: false,
    breakpoint_after: false,
    spec: job.approval ? approvalJobSpec(job) : clone(job.spec),
    error_policy: { policy: 'stop', maximum_retry: 0, approval_users: [] },
    error_handler_user_id: '',
    error_handler_username: '',
    retry_count: 0,
    job_info: clone(job.jobInfo)
  }
}

function stageView(task: TaskRun, stage: StageRun, now: number): Obj {
  const view: Obj = { name: stage.name, status: stage.status }
  omitEmpty(view, 'start_time', sec(stage.startMs))
  omitEmpty(view, 'end_time', sec(stage.endMs))
  view.parallel = stage.parallel
  if (task.model.stageApproval)
    view.approval = stage.approvalMissing ? null : stageApproval(stage.approval)
  else view.manual_exec = null
  view.jobs = stage.jobs.map(j =>
    task.model.jobTaskKeys
      ? jobCurrent(j, now)
      : jobV17(j, now, task.model.costSecondsAlways)
  )
  view.error = stage.error
  return view
}

/** The task-detail body of `task` at virtual time `now`. */
export function taskDetail(task: TaskRun, now: number): WorkflowTaskPreview {
  const { jobTaskKeys, taskRemark } = task.model
  const view: Obj = {
    task_id: task.taskId,
    workflow_key: task.workflowKey,
    workflow_name: task.workflowName,
    params: clone(task.params),
    status: task.status,
    ...(jobTaskKeys ? { reverted: false } : {}),
    ...(taskRemark ? { remark: '' } : {}),
    task_creator: task.creator
  }
  omitEmpty(view, 'task_revoker', task.revoker)
  omitEmpty(view, 'create_time', sec(task.createMs))
  omitEmpty(view, 'start_time', sec(task.startMs))
  omitEmpty(view, 'end_time', sec(task.endMs))
  omitEmpty(view, 'error', task.error)
  view.stages = task.stages.map(s => stageView(task, s, now))
  Object.assign(view, {
    project_key: task.projectKey,
    is_restart: task.isRestart,
    debug: false
  })
  if (jobTaskKeys)
    Object.assign(view, { approval_ticket_id: '', approval_id: '' })
  return view as unknown as WorkflowTaskPreview
}

/** One row of the task list (docs/zadigx-api.md#list-tasks); HEAD lower-cases the status. */
export function taskBrief(
  task: TaskRun,
  lowerCase: boolean
): OpenAPIWorkflowV4Task {
  return {
    workflow_key: task.workflowKey,
    workflow_name: task.workflowName,
    project_key: task.projectKey,
    task_id: task.taskId,
    create_time: sec(task.createMs) ?? 0,
    task_creator: task.creator,
    start_time: sec(task.startMs) ?? 0,
    end_time: sec(task.endMs) ?? 0,
    status: lowerCase ? task.status.toLowerCase() : task.status
  }
}
