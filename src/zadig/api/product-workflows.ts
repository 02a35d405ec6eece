// Legacy product ("multi") workflows: the OpenAPI routes of v1.18 .. v3.4.0
// (removed in Zadig v3.4.1, where they answer 404 `Invalid path`: isRouteMissing) and
// the older "directory" API (docs/zadigx-api.md#product-workflows).
import {
  decodeProductTaskDetail,
  decodeProductTaskList,
  decodeProductTriggerResponse,
  wrongTask
} from '../decode-task.js'
import type { ZadigHttp } from '../http.js'
import { zadigDetail } from '../response.js'
import type {
  DirectoryResult,
  ProductTaskBrief,
  ProductTaskDetail,
  ProductTriggerRequest,
  ProductTriggerResponse
} from '../types.js'

const seg = encodeURIComponent
const PRODUCT = '/openapi/workflows/product'

/** Product workflows and their tasks. */
export class ProductWorkflowsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** Newest tasks of a product workflow (a bare array). */
  async listTasks(
    projectKey: string,
    workflowKey: string,
    pageNum: number,
    pageSize: number,
    options: { signal?: AbortSignal; once?: boolean } = {}
  ): Promise<ProductTaskBrief[]> {
    const path = `${PRODUCT}/${seg(workflowKey)}/tasks`
    const query = { projectKey, pageNum, pageSize }
    return this.http.requestDecoded(
      'GET',
      path,
      { query, idempotent: true, signal: options.signal, once: options.once },
      { what: 'the task list', decode: decodeProductTaskList }
    )
  }

  /**
   * One product-workflow task (status only: stages are not returned); an answer about
   * another task is refused (docs/zadigx-api.md#answer-shapes).
   */
  async getTask(
    projectKey: string,
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<ProductTaskDetail> {
    const path = `${PRODUCT}/${seg(workflowKey)}/task/${seg(String(taskId))}`
    const detail = await this.http.requestDecoded(
      'GET',
      path,
      { query: { projectKey }, idempotent: true, signal },
      { what: 'task detail', decode: decodeProductTaskDetail }
    )
    const wrong = wrongTask({ workflowKey, taskId }, detail)
    if (wrong) throw this.http.refuse('GET', path, wrong)
    return detail
  }

  /** Starts a product-workflow task. Sent exactly once. */
  trigger(
    body: ProductTriggerRequest,
    signal?: AbortSignal
  ): Promise<ProductTriggerResponse> {
    return this.http.requestDecoded(
      'POST',
      `${PRODUCT}/task`,
      { body, idempotent: false, signal },
      { what: 'the trigger', decode: decodeProductTriggerResponse }
    )
  }

  /** Deletes a product workflow. */
  async delete(projectKey: string, workflowKey: string): Promise<void> {
    const query = { workflowKey, projectKey }
    await this.http.request('DELETE', PRODUCT, { query, idempotent: false })
  }

  /** Directory API: cancels a product-workflow task. */
  cancel(
    projectKey: string,
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<void> {
    const task = { projectKey, workflowKey, taskId }
    return this.#directoryAction(task, 'cancel', true, signal)
  }

  /** Directory API: restarts an ended (not passed) product-workflow task. */
  restart(
    projectKey: string,
    workflowKey: string,
    taskId: number
  ): Promise<void> {
    const task = { projectKey, workflowKey, taskId }
    return this.#directoryAction(task, 'restart', false)
  }

  // Picket answers HTTP 200 even on failure, with `resultCode` 500 and `errorMsg`
  // "fail" for any upstream error. It passes the query string on to aslan, which
  // checks the caller's rights in `projectName`: without it only a system admin may
  // cancel or restart (docs/zadigx-api.md#directory-api).
  async #directoryAction(
    task: { projectKey: string; workflowKey: string; taskId: number },
    action: 'cancel' | 'restart',
    idempotent: boolean,
    signal?: AbortSignal
  ): Promise<void> {
    const { projectKey, workflowKey, taskId } = task
    const path = `/api/directory/workflowTask/id/${seg(String(taskId))}/pipelines/${seg(workflowKey)}/${action}`
    const res = await this.http.request<DirectoryResult>('POST', path, {
      query: { projectName: projectKey },
      idempotent,
      signal
    })
    const code = res?.resultCode
    if (typeof code !== 'number' || code === 0) return
    const fields = { status: 200, code, zadigMessage: res?.errorMsg }
    // Picket hides aslan's answer behind "fail", so say what it may have been.
    const why = `ZadigX did not ${action} the task and does not say why: the token's user may lack the right to run workflows in project ${projectKey}, or the task's state does not allow it`
    throw this.http.fail(
      { ...fields, method: 'POST', path },
      `${zadigDetail(200, code, res?.errorMsg, undefined)} (${why})`
    )
  }
}
