// Workflow views of a project (docs/zadigx-api.md#views).
import { decodeViewList } from '../decode-workflow.js'
import type { ZadigHttp } from '../http.js'
import type {
  CreateViewRequest,
  UpdateViewRequest,
  WorkflowView
} from '../types.js'

const seg = encodeURIComponent
const VIEW = '/openapi/workflows/view'

/** A project's workflow views. */
export class ViewsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #views: the project's workflow views (a bare array). */
  async list(projectKey: string): Promise<WorkflowView[]> {
    return this.http.requestDecoded(
      'GET',
      VIEW,
      { query: { projectKey }, idempotent: true },
      { what: 'the view list', decode: decodeViewList }
    )
  }

  /** #views: creates a view; every listed workflow becomes enabled. */
  async create(body: CreateViewRequest): Promise<void> {
    await this.http.request('POST', VIEW, { body, idempotent: false })
  }

  /** #views: enables/disables workflows in a view. */
  async update(
    projectKey: string,
    viewName: string,
    body: UpdateViewRequest
  ): Promise<void> {
    const path = `${VIEW}/${seg(viewName)}`
    await this.http.request('PUT', path, {
      query: { projectKey },
      body,
      idempotent: false
    })
  }

  /** #views: deletes a view. */
  async delete(projectKey: string, viewName: string): Promise<void> {
    const path = `${VIEW}/${seg(viewName)}`
    await this.http.request('DELETE', path, {
      query: { projectKey },
      idempotent: false
    })
  }
}
