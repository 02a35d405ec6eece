// Wire types of the ZadigX / Zadig OpenAPI, as docs/zadigx-api.md describes them.
// JSON bodies are snake_case, query parameters camelCase (docs/zadigx-api.md#routes).

/** A key/value pair (build variables, freestyle kv, plugin inputs). */
export interface KV {
  key: string
  value: string
  type?: string
  is_credential?: boolean
}

/** Workflow-level variable, as in workflow detail and task detail. */
export interface WorkflowParam {
  name: string
  description?: string
  type: string
  value: string
  repo?: unknown
  choice_option?: string[]
  default?: string
  is_credential?: boolean
}

/** Repository override inside trigger inputs (`pkg/types/openapi.go` OpenAPIRepoInput). */
export interface RepoInput {
  codehost_name: string
  repo_namespace: string
  repo_name: string
  branch?: string
  pr?: number
  prs?: number[]
  enable_commit?: boolean
  commit_id?: string
  [extra: string]: unknown
}

/** One element of the trigger body's `inputs` (docs/zadigx-api.md#trigger-task). */
export interface JobInput {
  job_name: string
  job_type: string
  parameters: Record<string, unknown>
}

/** Body of POST /openapi/workflows/custom/task. */
export interface TriggerRequest {
  project_key: string
  workflow_key: string
  inputs: JobInput[]
  /** Zadig v3.1+; older servers ignore it. */
  parameters?: { name: string; type: string; value: string; repo?: unknown }[]
}

/** Response of the trigger: both strings hold keys, not display names. */
export interface TriggerResponse {
  project_name: string
  workflow_name: string
  task_id: number
}

/** A configured job in workflow detail (`stages[].jobs[]`). */
export interface WorkflowJob {
  name: string
  type: string
  skipped?: boolean
  spec?: Record<string, unknown>
  run_policy?: string
}

/** v1.18 stage approval as in workflow detail (Go casing quirk: `Timeout`, `NeededApprovers`). */
export interface WorkflowStageApproval {
  enabled: boolean
  type: string
  description?: string
  native_approval?: {
    Timeout?: number
    approve_users?: { user_name: string; user_id: string }[]
    NeededApprovers?: number
  }
  [extra: string]: unknown
}

export interface WorkflowStage {
  name: string
  parallel?: boolean
  approval?: WorkflowStageApproval | null
  jobs?: WorkflowJob[] | null
}

/** GET /openapi/workflows/custom/:workflowKey/detail */
export interface WorkflowDetail {
  workflow_key: string
  workflow_name: string
  project_key: string
  description?: string
  created_by?: string
  create_time?: number
  update_time?: number
  params?: WorkflowParam[] | null
  stages?: WorkflowStage[] | null
  concurrency_limit?: number
}

/** An approver entry in task-detail approvals (both models). */
export interface ApproveUser {
  user_id?: string
  user_name: string
  type?: string
  reject_or_approve?: string
  comment?: string
  operation_time?: number
}

/** Native approval block (task detail, both models). */
export interface NativeApproval {
  timeout?: number
  needed_approvers?: number
  reject_or_approve?: string
  approve_users?: ApproveUser[] | null
}

/** v1.18 stage approval in task detail. */
export interface StageApproval {
  enabled: boolean
  status?: string
  type?: string
  description?: string
  start_time?: number
  end_time?: number
  native_approval?: NativeApproval | null
  [extra: string]: unknown
}

/** `JobTaskPreview`: note the key is `type`, not `job_type`. */
export interface TaskJob {
  name: string
  key?: string
  display_name?: string
  origin_name?: string
  type: string
  status: string
  start_time?: number
  end_time?: number
  cost_seconds?: number
  error?: string
  spec?: Record<string, unknown> | null
  job_info?: Record<string, unknown> | null
}

/** `StageTaskPreview`. */
export interface TaskStage {
  name: string
  status: string
  start_time?: number
  end_time?: number
  parallel?: boolean
  approval?: StageApproval | null
  manual_exec?: unknown
  jobs?: TaskJob[] | null
  error?: string
}

/**
 * GET /openapi/workflows/custom/task?taskId=&workflowKey= (`WorkflowTaskPreview`). A
 * product-workflow task (ProductTaskDetail) is one without stages, and maybe without
 * a workflow name.
 */
export interface TaskDetail {
  task_id: number
  workflow_key: string
  workflow_name?: string
  project_key: string
  params?: WorkflowParam[] | null
  status?: string
  task_creator?: string
  task_revoker?: string
  create_time?: number
  start_time?: number
  end_time?: number
  error?: string
  is_restart?: boolean
  debug?: boolean
  remark?: string
  stages?: TaskStage[] | null
}

/** One row of GET /openapi/workflows/custom/:workflowKey/tasks: a product row plus the name. */
export interface TaskBrief extends ProductTaskBrief {
  workflow_name: string
}

export interface TaskList {
  total: number
  workflow_tasks: TaskBrief[] | null
}

/** One row of GET /openapi/workflows. */
export interface WorkflowBrief {
  workflow_key: string
  workflow_name: string
  update_by?: string
  update_time?: number
  type: 'custom' | 'product' | string
}

/** GET /openapi/system/registry element. */
export interface Registry {
  registry_id: string
  address: string
  provider?: string
  region?: string
  namespace: string
  is_default?: boolean
}

/** Body of POST /openapi/workflows/custom/task/approve. */
export interface ApproveRequest {
  workflow_key: string
  task_id: number
  stage_name: string
  approve: boolean
  comment?: string
}

/** GET /openapi/workflows (null lists are normalised to []). */
export interface WorkflowList {
  workflows: WorkflowBrief[]
}

/** GET /api/aslan/code/codehost element (UI API, docs/zadigx-api.md#list-codehosts; secrets masked). */
export interface CodeHost {
  id: number
  address: string
  type: string
  namespace?: string
  region?: string
  alias?: string
  [extra: string]: unknown
}

/** One workflow inside a view (docs/zadigx-api.md#views). */
export interface ViewWorkflow {
  workflow_key: string
  workflow_type: 'custom' | 'product' | string
}

/** GET /openapi/workflows/view element. */
export interface WorkflowView {
  name: string
  project_key: string
  update_time?: number
  update_by?: string
  workflows: ViewWorkflow[] | null
}

/** Body of POST /openapi/workflows/view; every listed workflow becomes enabled. */
export interface CreateViewRequest {
  project_key: string
  name: string
  workflow_list: (ViewWorkflow & { workflow_name?: string })[]
}

/** Body of PUT /openapi/workflows/view/:viewName (name and project come from the URL). */
export interface UpdateViewRequest {
  workflow_list: (ViewWorkflow & { enabled: boolean })[]
}

/** One row of GET /openapi/workflows/product/:workflowKey/tasks (a bare array). */
export interface ProductTaskBrief {
  workflow_key: string
  project_key: string
  task_id: number
  create_time: number
  task_creator: string
  start_time?: number
  end_time?: number
  status: string
}

/** GET /openapi/workflows/product/:workflowKey/task/:taskID (stages are not returned). */
export interface ProductTaskDetail extends ProductTaskBrief {
  workflow_name?: string
}

/** A service of the product trigger body (`OpenAPIServiceBuildArgs`). */
export interface ProductServiceBuild {
  service_module: string
  service_name: string
  repo_info?: RepoInput[]
  inputs?: KV[]
}

/** Body of POST /openapi/workflows/product/task (docs/zadigx-api.md#product-workflows). */
export interface ProductTriggerRequest {
  workflow_key: string
  project_key: string
  input: ProductTriggerInput
}

/**
 * `input` of the product trigger. Loosely typed (optional fields, extra keys)
 * because the action forwards the user's object; the server validates it.
 * `deploy.source` must be "zadig" when build and deploy are both enabled.
 */
export interface ProductTriggerInput {
  target_env?: string
  build?: { enabled: boolean; service_list: ProductServiceBuild[] }
  deploy?: {
    enabled: boolean
    source?: string
    service_list: {
      service_module: string
      service_name: string
      image_name: string
    }[]
  }
  [extra: string]: unknown
}

/** Response of the product trigger: `pipeline_name` holds the workflow key. */
export interface ProductTriggerResponse {
  project_name: string
  pipeline_name: string
  task_id: number
}

/** Directory API cancel/restart answer: HTTP 200 even when `resultCode` is not 0. */
export interface DirectoryResult {
  resultCode?: number
  errorMsg?: string
  message?: string
}
