// A task is referred to once: its workflow key, id and page, and what can be done to it
// (read, cancel, run again). Custom and product workflows use different routes; the
// choice is made once per step (workflowKind) and nothing after it asks the type again.
import type { ZadigClient } from '../zadig/client.js'
import { isRouteMissing } from '../zadig/errors.js'
import { productTaskUrl, taskUrl } from '../zadig/links.js'
import { RECENT_PAGE, type HistorySource } from '../follow/run-history.js'
import type { RunningEntry } from '../zadig/api/running-tasks.js'
import type { ProductTaskBrief, TaskDetail } from '../zadig/types.js'

/** How to read a task. */
export interface ReadOptions {
  signal?: AbortSignal
  /** One try only: the poller looks again anyway. */
  once?: boolean
}

/** One task of one workflow. */
export interface TaskRef {
  readonly workflowKey: string
  readonly taskId: number
  /** The project: as given, else as the first read says. */
  readonly projectKey: string
  /** The task's page in the ZadigX UI (with the workflow's name once it is known). */
  readonly url: string
  read(options?: ReadOptions): Promise<TaskDetail>
  cancel(signal?: AbortSignal): Promise<void>
  /** Runs an ended task again under its id: retry (custom), restart (product). */
  rerun(): Promise<void>
  /** The workflow's recent runs; absent where the server keeps no timings to learn from. */
  readonly history?: HistorySource
  /** The running-task stream (docs/zadigx-api.md#running-tasks); custom workflows only. */
  readonly running?: (signal: AbortSignal) => AsyncIterable<RunningEntry[]>
}

/** The routes of one workflow type, chosen once per step. */
export interface WorkflowKind {
  readonly name: 'custom' | 'product'
  /** The reference to task `taskId` of `workflowKey` (`workflowName` titles its page). */
  task(workflowKey: string, taskId: number, workflowName?: string): TaskRef
  /** One page of the workflow's newest tasks, newest first. */
  newest(
    workflowKey: string,
    pageSize: number,
    options?: ReadOptions
  ): Promise<ProductTaskBrief[]>
  deleteWorkflow(projectKey: string, workflowKey: string): Promise<void>
}

/** What the choice is made from. */
export interface KindInputs {
  url: string
  project: string
  workflowType: 'custom' | 'product'
}

/** The routes for `inputs.workflowType`: the one place that asks it. */
export function workflowKind(
  client: ZadigClient,
  inputs: KindInputs
): WorkflowKind {
  return inputs.workflowType === 'product'
    ? productKind(client, inputs)
    : customKind(client, inputs)
}

function customKind(client: ZadigClient, inputs: KindInputs): WorkflowKind {
  const api = client.tasks
  const task = (key: string, id: number, name?: string): TaskRef => {
    let projectKey = inputs.project
    let workflowName = name
    return {
      workflowKey: key,
      taskId: id,
      get projectKey() {
        return projectKey
      },
      get url() {
        return taskUrl(inputs.url, projectKey, key, id, workflowName)
      },
      async read(options = {}) {
        const { signal, once } = options
        const detail = await api.get(key, id, signal, { once })
        projectKey ||= detail.project_key
        workflowName ??= detail.workflow_name
        return detail
      },
      cancel: signal => api.cancel(key, id, signal),
      rerun: () => api.retry(projectKey, key, id),
      running: signal => api.running(signal),
      history: {
        // These reads must stop with the wait (a hung request would hold the process open).
        recent: async signal =>
          (await api.list(projectKey, key, 1, RECENT_PAGE, signal))
            .workflow_tasks,
        detail: (other, signal) => api.get(key, other, signal, { once: true })
      }
    }
  }
  return {
    name: 'custom',
    task,
    newest: async (key, size, { signal, once } = {}) =>
      (await api.list(inputs.project, key, 1, size, signal, { once }))
        .workflow_tasks,
    deleteWorkflow: (project, key) => client.workflows.delete(project, key)
  }
}

// Product workflows exist in ZadigX v1.7 .. Zadig v3.4.0 (docs/zadigx-api.md#product-workflows).
function productKind(client: ZadigClient, inputs: KindInputs): WorkflowKind {
  const api = client.productWorkflows
  const project = inputs.project
  const task = (key: string, id: number): TaskRef => ({
    workflowKey: key,
    taskId: id,
    projectKey: project,
    url: productTaskUrl(inputs.url, project, key, id),
    // A product task has no stages: the snapshot is a task detail without them.
    read: ({ signal } = {}) =>
      withVersionHint(() => api.getTask(project, key, id, signal)),
    cancel: signal => api.cancel(project, key, id, signal),
    rerun: () => api.restart(project, key, id)
  })
  return {
    name: 'product',
    task,
    newest: (key, size, options = {}) =>
      withVersionHint(() => api.listTasks(project, key, 1, size, options)),
    deleteWorkflow: (projectKey, key) => api.delete(projectKey, key)
  }
}

/** A product-workflow call that explains a missing route: the server no longer has the API. */
export async function withVersionHint<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    if (isRouteMissing(err))
      throw new Error(
        `${(err as Error).message}\nProduct-workflow routes exist in ZadigX v1.7 .. Zadig v3.4.0 only; Zadig v3.4.1 removed them. Move the workflow to a custom workflow (workflow-type: custom).`,
        { cause: err }
      )
    throw err
  }
}
