// Task answers read with their types checked: task detail, task lists (custom and
// product) and trigger answers (docs/zadigx-api.md#answer-shapes). Fields the action
// does not read are passed on as they came.
import {
  fieldOf,
  list,
  readFields,
  name,
  optionalBoolean,
  optionalName,
  optionalNumber,
  optionalRecord,
  optionalText,
  record,
  statusWord,
  taskId,
  type FieldPath
} from './decode.js'
import { workflowParam } from './decode-workflow.js'
import type {
  ApproveUser,
  NativeApproval,
  ProductTaskBrief,
  ProductTaskDetail,
  ProductTriggerResponse,
  StageApproval,
  TaskBrief,
  TaskDetail,
  TaskJob,
  TaskList,
  TaskStage,
  TriggerResponse
} from './types.js'

type Fields = Record<string, unknown>

function approveUser(value: unknown, path: FieldPath): ApproveUser {
  return readFields(value, path, {
    user_id: optionalName,
    user_name: name,
    type: optionalName,
    reject_or_approve: statusWord,
    comment: optionalText,
    operation_time: optionalNumber
  })
}

function nativeApproval(
  value: unknown,
  path: FieldPath
): NativeApproval | undefined {
  const native = optionalRecord(value, path)
  if (!native) return undefined
  return readFields(native, path, {
    timeout: optionalNumber,
    needed_approvers: optionalNumber,
    reject_or_approve: statusWord,
    approve_users: (v, p) => list(v, p, approveUser)
  })
}

function stageApproval(
  value: unknown,
  path: FieldPath
): StageApproval | undefined {
  const approval = optionalRecord(value, path)
  if (!approval) return undefined
  return readFields(approval, path, {
    enabled: optionalBoolean,
    status: statusWord,
    type: optionalName,
    description: optionalText,
    start_time: optionalNumber,
    end_time: optionalNumber,
    native_approval: nativeApproval
  })
}

// Only gates are read from a job's spec (approval-gate.ts); other job types keep
// specs of their own shapes.
const GATE_TYPES = new Set(['approval', 'ai-release-specialist'])

function jobSpec(value: unknown, path: FieldPath, type: string) {
  const spec = optionalRecord(value, path)
  if (!spec || !GATE_TYPES.has(type.toLowerCase())) return spec
  return readFields<Fields>(spec, path, {
    type: optionalName,
    description: optionalText,
    native_approval: nativeApproval
  })
}

function job(value: unknown, path: FieldPath): TaskJob {
  const raw = record(value, path)
  const type = fieldOf(raw, path, 'type', name)
  const read = readFields<TaskJob>(raw, path, {
    name,
    key: optionalName,
    display_name: optionalName,
    origin_name: optionalName,
    type: () => type,
    status: statusWord,
    start_time: optionalNumber,
    end_time: optionalNumber,
    cost_seconds: optionalNumber,
    error: optionalText,
    spec: (v, p) => jobSpec(v, p, type),
    job_info: optionalRecord
  })
  return read
}

function stage(value: unknown, path: FieldPath): TaskStage {
  return readFields(value, path, {
    name,
    status: statusWord,
    start_time: optionalNumber,
    end_time: optionalNumber,
    parallel: optionalBoolean,
    approval: stageApproval,
    jobs: (v, p) => list(v, p, job),
    error: optionalText
  })
}

/** The fields a task row and a task detail share. */
const TASK_FIELDS = {
  task_id: taskId,
  workflow_key: name,
  workflow_name: optionalName,
  project_key: name,
  status: statusWord,
  task_creator: optionalName,
  create_time: optionalNumber,
  start_time: optionalNumber,
  end_time: optionalNumber
}

/** A task detail (`WorkflowTaskPreview`; a product task detail is one without stages). */
export function decodeTaskDetail(body: unknown): TaskDetail {
  return readFields(body, '', {
    ...TASK_FIELDS,
    task_revoker: optionalName,
    error: optionalText,
    is_restart: optionalBoolean,
    debug: optionalBoolean,
    remark: optionalText,
    params: (v, p) => list(v, p, workflowParam),
    stages: (v, p) => list(v, p, stage)
  })
}

function taskRow(value: unknown, path: FieldPath): TaskBrief {
  const row = readFields<TaskBrief>(value, path, TASK_FIELDS)
  return { ...row, create_time: row.create_time ?? 0 }
}

/** A page of custom-workflow tasks; a null list reads as empty. */
export function decodeTaskList(
  body: unknown
): TaskList & { workflow_tasks: TaskBrief[] } {
  // An empty answer is an empty page (docs/zadigx-api.md#list-tasks).
  const page = body === undefined || body === null ? {} : record(body, '')
  return {
    total: fieldOf(page, '', 'total', optionalNumber) ?? 0,
    workflow_tasks: fieldOf(page, '', 'workflow_tasks', (v, p) =>
      list(v, p, taskRow)
    )
  }
}

/** The product-workflow task list: a bare array of rows. */
export function decodeProductTaskList(body: unknown): ProductTaskBrief[] {
  return list(body, '', taskRow)
}

/** One product-workflow task (no stages). */
export function decodeProductTaskDetail(body: unknown): ProductTaskDetail {
  return taskRow(body, '')
}

/** The trigger's answer: the new task's id. */
export function decodeTriggerResponse(body: unknown): TriggerResponse {
  return readFields(body, '', {
    task_id: taskId,
    project_name: name,
    workflow_name: name
  })
}

/** The product trigger's answer: the new task's id. */
export function decodeProductTriggerResponse(
  body: unknown
): ProductTriggerResponse {
  return readFields(body, '', {
    task_id: taskId,
    project_name: name,
    pipeline_name: name
  })
}

/** The words of a refused answer that names another task than the one asked for. */
export function wrongTask(
  asked: { workflowKey: string; taskId: number },
  answered: { workflow_key?: string; task_id: number }
): string | undefined {
  const key = answered.workflow_key
  if (answered.task_id !== asked.taskId)
    return `asked for task ${asked.taskId} of ${asked.workflowKey}, ZadigX answered task ${answered.task_id}`
  if (key && key !== asked.workflowKey)
    return `asked for task ${asked.taskId} of ${asked.workflowKey}, ZadigX answered a task of ${JSON.stringify(key.slice(0, 60))}`
  return undefined
}
