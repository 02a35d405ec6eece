// The server's JSON, as the simulator writes it: one interface per Go struct the
// OpenAPI answers with, named after that struct, keys as its json tags. Sources:
// koderover/zadig@v1.18.0 and @v5.0.0, paths below; fields a version lacks are
// optional. `omitempty` fields are optional too.

/** commonmodels.Param (…/core/common/repository/models/workflow_v4.go, v5.0.0:1819). */
export interface Param {
  name: string
  description: string
  /** string, text, choice, repo (file from v4.x) */
  type: string
  value: string
  repo: unknown
  choice_option?: string[]
  default: string
  is_credential: boolean
}

/** CreateTaskV4Resp (…/service/workflow/workflow_task_v4.go, v1.18.0:68-72). */
export interface CreateTaskV4Resp {
  project_name: string
  workflow_name: string
  task_id: number
}

/** system service OpenAPIRegistry (…/core/system/service/types.go, v1.18.0:202-209). */
export interface OpenAPIRegistry {
  registry_id: string
  address: string
  provider: string
  region: string
  namespace: string
  is_default: boolean
}

/** models.User: an approver entry of a stage approval (models/workflow_v4.go, v1.18.0:191-197). */
export interface ApproveUserEntry {
  user_id: string
  user_name: string
  reject_or_approve: string
  comment: string
  operation_time: number
}

/**
 * models.Approval as a task stage carries it (models/workflow_v4.go, v1.18.0:99-116).
 * A type, not an interface, so that it fits readers with an index signature.
 */
export type Approval = {
  enabled: boolean
  status: string
  type: string
  description: string
  start_time?: number
  end_time?: number
  native_approval?: {
    timeout: number
    approve_users: ApproveUserEntry[]
    needed_approvers: number
    reject_or_approve: string
  }
}

/** JobTaskPreview (…/workflow_task_v4.go, v1.18.0:102-115, v5.0.0:124-145). */
export interface JobTaskPreview {
  name: string
  /** v3.3.0+ */
  key?: string
  display_name?: string
  origin_name?: string
  type: string
  status: string
  reverted?: boolean
  start_time?: number
  end_time?: number
  /** omitempty on v1.18, always present on v5.0 */
  cost_seconds?: number
  error: string
  breakpoint_before: boolean
  breakpoint_after: boolean
  spec: Record<string, unknown> | null
  error_policy?: unknown
  error_handler_user_id?: string
  error_handler_username?: string
  retry_count?: number
  job_info: Record<string, unknown> | null
}

/** StageTaskPreview (…/workflow_task_v4.go, v1.18.0:91-100, v5.0.0:114-123). */
export interface StageTaskPreview {
  name: string
  status: string
  start_time?: number
  end_time?: number
  parallel: boolean
  /** up to v3.0 */
  approval?: Approval | null
  /** v3.1+ */
  manual_exec?: unknown
  jobs: JobTaskPreview[]
  error: string
}

/** WorkflowTaskPreview: the task detail (…/workflow_task_v4.go, v1.18.0:74-89, v5.0.0:92-112). */
export interface WorkflowTaskPreview {
  task_id: number
  workflow_key: string
  workflow_name: string
  params: Param[]
  status?: string
  reverted?: boolean
  remark?: string
  task_creator?: string
  task_revoker?: string
  create_time?: number
  start_time?: number
  end_time?: number
  stages: StageTaskPreview[]
  project_key: string
  error?: string
  is_restart: boolean
  debug: boolean
  approval_ticket_id?: string
  approval_id?: string
}

/** OpenAPIWorkflowV4Task: a task-list row (…/service/workflow/types.go, v1.18.0:676-687). */
export interface OpenAPIWorkflowV4Task {
  workflow_key: string
  workflow_name: string
  project_key: string
  task_id: number
  create_time: number
  task_creator: string
  start_time: number
  end_time: number
  status: string
}

/** WorkflowBrief: a row of GET /openapi/workflows (…/types.go, v1.18.0:622-628). */
export interface WorkflowBrief {
  workflow_key: string
  workflow_name: string
  update_by: string
  update_time: number
  type: string
}

/** commonmodels.Job as the detail lists it (models/workflow_v4.go, v1.18.0:199-207). */
export interface Job {
  name: string
  type: string
  skipped: boolean
  spec: Record<string, unknown>
  run_policy: string
  service_modules: null
}

/**
 * OpenAPIWorkflowApproval (…/types.go, v1.18.0:730-737); its NativeApproval has no
 * json tags on two fields, hence `Timeout` and the never-filled `NeededApprovers`.
 */
export interface OpenAPIWorkflowApproval {
  enabled: boolean
  type: string
  description: string
  native_approval?: {
    Timeout: number
    approve_users: { user_name: string; user_id: string }[]
    NeededApprovers: number
  }
}

/** OpenAPIStage (…/types.go, v1.18.0:654-659; `approval` gone at v3.1.0:686-690). */
export interface OpenAPIStage {
  name: string
  parallel?: boolean
  approval?: OpenAPIWorkflowApproval
  jobs?: Job[]
}

/** OpenAPIWorkflowV4Detail (…/types.go, v1.18.0:630-644). */
export interface OpenAPIWorkflowV4Detail {
  workflow_key: string
  workflow_name: string
  project_key: string
  description: string
  created_by: string
  create_time: number
  updated_by: string
  update_time: number
  params: Param[]
  stages: OpenAPIStage[]
  notify_ctls: unknown[]
  share_storages: unknown[]
  concurrency_limit: number
}

/** OpenAPIWorkflowViewBrief (…/types.go, v1.18.0:770-781). */
export interface OpenAPIWorkflowViewBrief {
  name: string
  project_key: string
  update_time: number
  update_by: string
  workflows: { workflow_key: string; workflow_type: string }[]
}
