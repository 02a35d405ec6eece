// Workflow list and detail bodies (docs/zadigx-api.md#list-workflows, #workflow-detail).
import type { OpenAPIWorkflowV4Detail, WorkflowBrief } from './wire.js'
import type { SimStage, SimWorkflow } from './catalog.js'
import { clone } from './model.js'
import type { Profile } from './profiles.js'
import type { SimUser } from './users.js'

const CREATE_TIME = 1686192946
const UPDATE_TIME = 1690180684

/** Maps approver names to `{user_name, user_id}` (unknown names get `uid-<name>`). */
export function approverRefs(names: string[], users: SimUser[]) {
  return names.map(name => ({
    user_name: name,
    user_id: users.find(u => u.name === name)?.uid ?? `uid-${name}`
  }))
}

// v1.18 detail quirk: the nested approval structs lack JSON tags, hence `Timeout`
// and the never-filled `NeededApprovers` (docs/zadigx-api.md#workflow-detail).
function approvalDetail(stage: SimStage, users: SimUser[]) {
  const a = stage.approval
  if (!a) return { enabled: false, type: '', description: '' }
  return {
    enabled: true,
    type: 'native',
    description: a.description,
    native_approval: {
      Timeout: a.timeoutMin ?? 0,
      approve_users: approverRefs(a.users, users),
      NeededApprovers: 0
    }
  }
}

function stageDetail(stage: SimStage, model: Profile, users: SimUser[]) {
  return {
    name: stage.name,
    ...(stage.parallel ? { parallel: true } : {}),
    ...(model.stageApproval ? { approval: approvalDetail(stage, users) } : {}),
    jobs: stage.jobs.map(job => ({
      name: job.name,
      type: job.type,
      skipped: false,
      spec: clone(job.spec),
      run_policy: job.runPolicy ?? '',
      service_modules: null
    }))
  }
}

/** GET /openapi/workflows/custom/:key/detail; `project_key` echoes the query. */
export function workflowDetail(
  wf: SimWorkflow,
  model: Profile,
  projectKey: string,
  users: SimUser[]
): OpenAPIWorkflowV4Detail {
  const detail = {
    workflow_key: wf.key,
    workflow_name: wf.name,
    project_key: projectKey,
    description: wf.description ?? '',
    created_by: wf.createdBy ?? 'admin',
    create_time: wf.createTime ?? CREATE_TIME,
    // Never filled by the server (docs/zadigx-api.md#workflow-detail).
    updated_by: '',
    update_time: wf.updateTime ?? UPDATE_TIME,
    params: clone(wf.params),
    stages: wf.stages.map(s => stageDetail(s, model, users)),
    notify_ctls: [],
    share_storages: [],
    concurrency_limit: -1
  }
  return detail as unknown as OpenAPIWorkflowV4Detail
}

/** One row of GET /openapi/workflows. */
export function workflowBrief(wf: SimWorkflow): WorkflowBrief {
  return {
    workflow_key: wf.key,
    workflow_name: wf.name,
    update_by: wf.updatedBy ?? 'admin',
    update_time: wf.updateTime ?? UPDATE_TIME,
    type: 'custom'
  }
}
