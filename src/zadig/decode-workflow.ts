// Workflow, view and system answers read with their types checked: the workflow list,
// a workflow's detail, views, registries and code hosts (docs/zadigx-api.md#answer-shapes).
// Job specs are the server's own shapes per job type and pass on as objects.
import {
  list,
  name,
  optionalBoolean,
  optionalName,
  optionalNumber,
  optionalRecord,
  optionalText,
  readFields,
  record,
  text,
  type FieldPath
} from './decode.js'
import type {
  CodeHost,
  Registry,
  WorkflowBrief,
  WorkflowDetail,
  WorkflowJob,
  WorkflowList,
  WorkflowParam,
  WorkflowStage,
  WorkflowView
} from './types.js'

/** A workflow or task parameter (`Param`: name, type and value are strings). */
export function workflowParam(value: unknown, path: FieldPath): WorkflowParam {
  return readFields(value, path, {
    name,
    type: name,
    // Values are strings on the server (Param.Value); a number is printed as one.
    value: (v, p) => (typeof v === 'number' ? String(v) : text(v, p))
  })
}

function workflowRow(value: unknown, path: FieldPath): WorkflowBrief {
  return readFields(value, path, {
    workflow_key: name,
    workflow_name: name,
    update_by: optionalName,
    update_time: optionalNumber,
    type: name
  })
}

/** The project's workflows; an empty answer or a null list is none. */
export function decodeWorkflowList(body: unknown): WorkflowList {
  const answer = body === undefined || body === null ? {} : record(body, '')
  return { workflows: list(answer.workflows, 'workflows', workflowRow) }
}

function workflowJob(value: unknown, path: FieldPath): WorkflowJob {
  return readFields(value, path, {
    name,
    type: name,
    skipped: optionalBoolean,
    spec: optionalRecord,
    run_policy: optionalName
  })
}

function workflowStage(value: unknown, path: FieldPath): WorkflowStage {
  return readFields(value, path, {
    name,
    parallel: optionalBoolean,
    approval: optionalRecord,
    jobs: (v, p) => list(v, p, workflowJob)
  })
}

/** A custom workflow's detail (`OpenAPIWorkflowV4Detail`). */
export function decodeWorkflowDetail(body: unknown): WorkflowDetail {
  return readFields(body, '', {
    workflow_key: name,
    workflow_name: name,
    project_key: name,
    description: optionalText,
    created_by: optionalName,
    create_time: optionalNumber,
    update_time: optionalNumber,
    concurrency_limit: optionalNumber,
    params: (v, p) => list(v, p, workflowParam),
    stages: (v, p) => list(v, p, workflowStage)
  })
}

function viewRow(value: unknown, path: FieldPath): WorkflowView {
  return readFields(value, path, {
    name,
    project_key: name,
    update_time: optionalNumber,
    update_by: optionalName,
    workflows: (v, p) =>
      list(v, p, (w, at) =>
        readFields(w, at, {
          workflow_key: name,
          workflow_type: name
        })
      )
  })
}

/** The project's views (a bare array; null is none). */
export function decodeViewList(body: unknown): WorkflowView[] {
  return list(body, '', viewRow)
}

function registryRow(value: unknown, path: FieldPath): Registry {
  // `address` and `namespace` are kept whole: the trigger compares them as stored
  // (docs/zadigx-api.md#list-registries).
  return readFields(value, path, {
    registry_id: name,
    address: text,
    namespace: text,
    provider: optionalName,
    region: optionalName,
    is_default: optionalBoolean
  })
}

/** The image registries (a bare array; null is none). */
export function decodeRegistryList(body: unknown): Registry[] {
  return list(body, '', registryRow)
}

function codeHostRow(value: unknown, path: FieldPath): CodeHost {
  return readFields(value, path, {
    id: optionalNumber,
    address: text,
    type: name,
    namespace: optionalText,
    region: optionalName,
    alias: optionalName
  })
}

/** The code hosts (UI API; a bare array, null is none). */
export function decodeCodeHostList(body: unknown): CodeHost[] {
  return list(body, '', codeHostRow)
}
