// Custom-workflow (workflow v4) tasks: list, detail, trigger, cancel, retry, approve
// (docs/zadigx-api.md, a section per route).
import {
  decodeTaskDetail,
  decodeTaskList,
  decodeTriggerResponse,
  wrongTask
} from '../decode-task.js'
import type { ZadigHttp } from '../http.js'
import { readRunningTasks, type RunningEntry } from './running-tasks.js'
import type {
  ApproveRequest,
  TaskBrief,
  TaskDetail,
  TaskList,
  TriggerRequest,
  TriggerResponse
} from '../types.js'

const seg = encodeURIComponent
const TASK = '/openapi/workflows/custom/task'

/** The tasks of custom workflows. */
export class TasksApi {
  constructor(private readonly http: ZadigHttp) {}

  /**
   * #list-tasks: newest tasks first; without projectKey the server answers an empty list.
   * A `null` list (no tasks yet) comes back as `[]`.
   */
  async list(
    projectKey: string,
    workflowKey: string,
    pageNum: number,
    pageSize: number,
    signal?: AbortSignal,
    options: { once?: boolean } = {}
  ): Promise<TaskList & { workflow_tasks: TaskBrief[] }> {
    const path = `/openapi/workflows/custom/${seg(workflowKey)}/tasks`
    const query = { projectKey, pageNum, pageSize }
    return this.http.requestDecoded(
      'GET',
      path,
      { query, idempotent: true, signal, once: options.once },
      { what: 'the task list', decode: decodeTaskList }
    )
  }

  /**
   * #task-detail: one task with stages and jobs. A missing task is HTTP 500 (isNotFound).
   * An answer about another task (a cache, a proxy) is refused
   * (docs/zadigx-api.md#answer-shapes).
   */
  async get(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal,
    options: { once?: boolean } = {}
  ): Promise<TaskDetail> {
    const query = { taskId, workflowKey }
    const detail = await this.http.requestDecoded(
      'GET',
      TASK,
      { query, idempotent: true, signal, once: options.once },
      { what: 'task detail', decode: decodeTaskDetail }
    )
    const wrong = wrongTask({ workflowKey, taskId }, detail)
    if (wrong) throw this.http.refuse('GET', TASK, wrong)
    return detail
  }

  /**
   * #trigger-task: starts a task. Sent exactly once: a resend would start a second run.
   * An answer without a usable `task_id` is refused (#answer-shapes): the caller treats
   * it as a lost answer and looks for the task.
   */
  trigger(req: TriggerRequest, signal?: AbortSignal): Promise<TriggerResponse> {
    return this.http.requestDecoded(
      'POST',
      TASK,
      { body: req, idempotent: false, signal },
      { what: 'the trigger', decode: decodeTriggerResponse }
    )
  }

  /**
   * #cancel-task: cancels a task. ZadigX v1.7 .. Zadig v3.3 read the JSON body, v3.4.0+
   * the query string, so both are sent.
   */
  async cancel(
    workflowKey: string,
    taskId: number,
    signal?: AbortSignal
  ): Promise<void> {
    await this.http.request('DELETE', TASK, {
      query: { taskId, workflowKey },
      body: { task_id: Number(taskId), workflow_key: workflowKey },
      idempotent: true,
      signal
    })
  }

  /** #retry-task: re-runs a failed/timeout/cancelled/reject task under the same id. */
  async retry(
    projectKey: string,
    workflowKey: string,
    taskId: number
  ): Promise<void> {
    const path = `/openapi/workflows/custom/${seg(workflowKey)}/task/${seg(String(taskId))}`
    await this.http.request('POST', path, {
      query: { projectKey },
      idempotent: false
    })
  }

  /** #approve-task: approves or rejects; `task_id` must stay a JSON number. */
  async approve(req: ApproveRequest): Promise<void> {
    const body = { ...req, task_id: Number(req.task_id) }
    await this.http.request('POST', `${TASK}/approve`, {
      body,
      idempotent: false
    })
  }

  /** #running-tasks: the running-task stream's lists, until it ends or `signal` aborts. */
  running(signal: AbortSignal): AsyncGenerator<RunningEntry[]> {
    return readRunningTasks(this.http, signal)
  }
}
