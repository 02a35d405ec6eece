// Typed ZadigX endpoints, a few lines each over the one request funnel (http.ts).
// Paths, casing and quirks: docs/zadigx-api.md (a section per route, cited by id).
import { isTransient, ZadigApiError } from './errors.js'
import { ProductWorkflowApi } from './product.js'
import {
  detectGeneration,
  routeAnswered,
  type ServerGeneration
} from './server-version.js'
import { detailFromDefinition } from './workflow-definition.js'
import type {
  ApproveRequest,
  CodeHost,
  CreateViewRequest,
  Registry,
  TaskBrief,
  TaskDetail,
  TaskList,
  TriggerRequest,
  TriggerResponse,
  UpdateViewRequest,
  WorkflowDetail,
  WorkflowList,
  WorkflowView
} from './types.js'

export type { ClientOptions } from './http.js'

const seg = encodeURIComponent

// gin's recovery answers a panic with HTTP 500 and no body at all.
function isEmptyServerError(err: unknown): err is ZadigApiError {
  return (
    err instanceof ZadigApiError &&
    err.status === 500 &&
    err.code === undefined &&
    err.bodySnippet === undefined
  )
}
const TASK = '/openapi/workflows/custom/task'
const VIEW = '/openapi/workflows/view'

/**
 * The ZadigX client: custom workflows, views, registries and code hosts here,
 * product workflows inherited from ProductWorkflowApi, and the one request
 * funnel from ZadigHttp.
 */
export class ZadigClient extends ProductWorkflowApi {
  #generation: Promise<ServerGeneration> | undefined

  /** #list-workflows: the project's workflows (custom first, then product), maybe of one view. */
  async listWorkflows(
    projectKey: string,
    viewName?: string
  ): Promise<WorkflowList> {
    const query = { projectKey, viewName }
    const res = await this.request<WorkflowList>('GET', '/openapi/workflows', {
      query,
      idempotent: true
    })
    return { workflows: res?.workflows ?? [] }
  }

  /**
   * A custom workflow's stages and jobs (what trigger inputs are built from). Where
   * the OpenAPI detail crashes (an empty HTTP 500 on ZadigX v1.7 .. Zadig v3.0 for
   * a stage without `approval`), the UI API's definition is read instead
   * (docs/zadigx-api.md#workflow-detail).
   */
  async getWorkflowDetail(
    projectKey: string,
    workflowKey: string
  ): Promise<WorkflowDetail> {
    const path = `/openapi/workflows/custom/${seg(workflowKey)}/detail`
    const query = { projectKey }
    try {
      return await this.request('GET', path, {
        query,
        idempotent: true,
        once: true
      })
    } catch (err) {
      if (isEmptyServerError(err))
        return this.#definitionFromUi(projectKey, workflowKey, err)
      if (!isTransient(err)) throw err
      return this.request('GET', path, { query, idempotent: true })
    }
  }

  async #definitionFromUi(
    projectKey: string,
    workflowKey: string,
    crash: ZadigApiError
  ): Promise<WorkflowDetail> {
    const path = `/api/aslan/workflow/v4/name/${seg(workflowKey)}`
    let text: string
    try {
      text = await this.request<string>('GET', path, {
        idempotent: true,
        answer: 'text'
      })
    } catch (err) {
      throw new Error(
        `${crash.message}. ZadigX v1.7 .. Zadig v3.0 crash this way on a workflow with a stage that has no approval setting; reading its definition from the web API instead failed too (${(err as Error).message}). That read needs the workflow's edit permission; or give each stage of the workflow's YAML an approval setting (approval: {enabled: false}) with operation: update-workflow.`,
        { cause: err }
      )
    }
    return detailFromDefinition(text, projectKey)
  }

  /** True when the route exists on this server (docs/zadigx-api.md#server-version). */
  async routeExists(
    path: string,
    query: Record<string, string>
  ): Promise<boolean> {
    try {
      await this.request('GET', path, {
        query,
        idempotent: true,
        answer: 'text'
      })
      return true
    } catch (err) {
      return routeAnswered(err)
    }
  }

  /** The server's generation, probed once per client (at most three GETs). */
  serverGeneration(
    projectKey: string,
    workflowKey: string
  ): Promise<ServerGeneration> {
    this.#generation ??= detectGeneration(
      (path, query) => this.routeExists(path, query),
      projectKey,
      workflowKey
    )
    return this.#generation
  }

  /**
   * #list-tasks: newest tasks first; without projectKey the server answers an empty list.
   * A `null` list (no tasks yet) comes back as `[]`.
   */
  async listTasks(
    projectKey: string,
    workflowKey: string,
    pageNum: number,
    pageSize: number,
    signal?: AbortSignal
  ): Promise<TaskList & { workflow_tasks: TaskBrief[] }> {
    const path = `/openapi/workflows/custom/${seg(workflowKey)}/tasks`
    const query = { projectKey, pageNum, pageSize }
    const res = await this.request<TaskList>('GET', path, {
      query,
      idempotent: true,
      signal
    })
    return { total: res?.total ?? 0, workflow_tasks: res?.workflow_tasks ?? [] }
  }

  /** #task-detail: one task with stages and jobs. A missing task is HTTP 500 (isNotFound). */
  getTask(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal,
    options: { once?: boolean } = {}
  ): Promise<TaskDetail> {
    const query = { taskId, workflowKey }
    return this.request('GET', TASK, {
      query,
      idempotent: true,
      signal,
      once: options.once
    })
  }

  /** #trigger-task: starts a task. Sent exactly once: a resend would start a second run. */
  triggerTask(req: TriggerRequest): Promise<TriggerResponse> {
    return this.request('POST', TASK, { body: req, idempotent: false })
  }

  /**
   * #cancel-task: cancels a task. ZadigX v1.7 .. Zadig v3.3 read the JSON body, v3.4.0+
   * the query string, so both are sent.
   */
  async cancelTask(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<void> {
    await this.request('DELETE', TASK, {
      query: { taskId, workflowKey },
      body: { task_id: Number(taskId), workflow_key: workflowKey },
      idempotent: true,
      signal
    })
  }

  /** #retry-task: re-runs a failed/timeout/cancelled/reject task under the same id. */
  async retryTask(
    projectKey: string,
    workflowKey: string,
    taskId: number
  ): Promise<void> {
    const path = `/openapi/workflows/custom/${seg(workflowKey)}/task/${seg(String(taskId))}`
    await this.request('POST', path, {
      query: { projectKey },
      idempotent: false
    })
  }

  /** #approve-task: approves or rejects; `task_id` must stay a JSON number. */
  async approve(req: ApproveRequest): Promise<void> {
    const body = { ...req, task_id: Number(req.task_id) }
    await this.request('POST', `${TASK}/approve`, { body, idempotent: false })
  }

  /** #create-workflow: creates a workflow from YAML (UI API; no OpenAPI route before v5.0). */
  async createWorkflow(yaml: string, viewName?: string): Promise<void> {
    const query = { viewName }
    await this.request('POST', '/api/aslan/workflow/v4', {
      query,
      yaml,
      idempotent: false
    })
  }

  /** #update-workflow: replaces a workflow's definition with YAML. */
  async updateWorkflow(workflowKey: string, yaml: string): Promise<void> {
    const path = `/api/aslan/workflow/v4/${seg(workflowKey)}`
    await this.request('PUT', path, { yaml, idempotent: false })
  }

  /** #delete-workflow: deletes a custom workflow. */
  async deleteWorkflow(projectKey: string, workflowKey: string): Promise<void> {
    const query = { workflowKey, projectKey }
    await this.request('DELETE', '/openapi/workflows/custom', {
      query,
      idempotent: false
    })
  }

  /** #list-registries: image registries; trigger `registry` is `address + "/" + namespace`. */
  async listRegistries(): Promise<Registry[]> {
    const path = '/openapi/system/registry'
    return (
      (await this.request<Registry[]>('GET', path, { idempotent: true })) ?? []
    )
  }

  /** #list-codehosts: code hosts (UI API), to map `codehost_id` to the alias inputs need. */
  async listCodeHosts(): Promise<CodeHost[]> {
    const path = '/api/aslan/code/codehost'
    return (
      (await this.request<CodeHost[]>('GET', path, { idempotent: true })) ?? []
    )
  }

  /** #views: the project's workflow views (a bare array). */
  async listViews(projectKey: string): Promise<WorkflowView[]> {
    const query = { projectKey }
    const res = await this.request<WorkflowView[]>('GET', VIEW, {
      query,
      idempotent: true
    })
    return res ?? []
  }

  /** #views: creates a view; every listed workflow becomes enabled. */
  async createView(body: CreateViewRequest): Promise<void> {
    await this.request('POST', VIEW, { body, idempotent: false })
  }

  /** #views: enables/disables workflows in a view. */
  async updateView(
    projectKey: string,
    viewName: string,
    body: UpdateViewRequest
  ): Promise<void> {
    const path = `${VIEW}/${seg(viewName)}`
    await this.request('PUT', path, {
      query: { projectKey },
      body,
      idempotent: false
    })
  }

  /** #views: deletes a view. */
  async deleteView(projectKey: string, viewName: string): Promise<void> {
    const path = `${VIEW}/${seg(viewName)}`
    await this.request('DELETE', path, {
      query: { projectKey },
      idempotent: false
    })
  }
}
