// Custom workflows: the project's list, a workflow's definition (with the UI API's
// YAML where the OpenAPI detail crashes), create, update, delete.
import { isTransient, ZadigApiError } from '../errors.js'
import { decodeWorkflowDetail, decodeWorkflowList } from '../decode-workflow.js'
import type { ZadigHttp } from '../http.js'
import type { WorkflowDetail, WorkflowList } from '../types.js'
import { detailFromDefinition } from '../workflow-definition.js'

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

/** A project's workflows and custom-workflow definitions. */
export class WorkflowsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #list-workflows: the project's workflows (custom first, then product), maybe of one view. */
  async list(projectKey: string, viewName?: string): Promise<WorkflowList> {
    const query = { projectKey, viewName }
    return this.http.requestDecoded(
      'GET',
      '/openapi/workflows',
      { query, idempotent: true },
      { what: 'the workflow list', decode: decodeWorkflowList }
    )
  }

  /**
   * A custom workflow's stages and jobs (what trigger inputs are built from). Where
   * the OpenAPI detail crashes (an empty HTTP 500 on ZadigX v1.7 .. Zadig v3.0 for
   * a stage without `approval`), the UI API's definition is read instead
   * (docs/zadigx-api.md#workflow-detail).
   */
  async detail(
    projectKey: string,
    workflowKey: string
  ): Promise<WorkflowDetail> {
    const path = `/openapi/workflows/custom/${seg(workflowKey)}/detail`
    const query = { projectKey }
    const reader = { what: 'the workflow detail', decode: decodeWorkflowDetail }
    try {
      return await this.http.requestDecoded(
        'GET',
        path,
        { query, idempotent: true, once: true },
        reader
      )
    } catch (err) {
      if (isEmptyServerError(err))
        return this.#definitionFromUi(projectKey, workflowKey, err)
      if (!isTransient(err)) throw err
      return this.http.requestDecoded(
        'GET',
        path,
        { query, idempotent: true },
        reader
      )
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
      text = await this.http.request<string>('GET', path, {
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

  /** #create-workflow: creates a workflow from YAML (UI API; no OpenAPI route before v5.0). */
  async create(yaml: string, viewName?: string): Promise<void> {
    const query = { viewName }
    await this.http.request('POST', '/api/aslan/workflow/v4', {
      query,
      yaml,
      idempotent: false
    })
  }

  /** #update-workflow: replaces a workflow's definition with YAML. */
  async update(workflowKey: string, yaml: string): Promise<void> {
    const path = `/api/aslan/workflow/v4/${seg(workflowKey)}`
    await this.http.request('PUT', path, { yaml, idempotent: false })
  }

  /** #delete-workflow: deletes a custom workflow. */
  async delete(projectKey: string, workflowKey: string): Promise<void> {
    const query = { workflowKey, projectKey }
    await this.http.request('DELETE', '/openapi/workflows/custom', {
      query,
      idempotent: false
    })
  }
}
