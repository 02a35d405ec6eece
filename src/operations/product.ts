// Product (legacy "multi") workflows, selected with workflow-type: product (docs/zadigx-api.md#product-workflows).
// Their routes exist in ZadigX v1.7 .. Zadig v3.4.0; v3.4.1 removed them
// (docs/zadigx-api.md#product-workflows).
import { untrusted } from '../log.js'
import { isRouteMissing } from '../zadig/errors.js'
import { productTaskUrl } from '../zadig/links.js'
import { isTerminal, normalizeStatus, resultOf } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type { Operation, OperationDeps, OperationState } from './context.js'
import { followTask, type TaskControl } from './follow.js'

// The server refuses a restart only of a running or passed task (docs/zadigx-api.md#directory-api).
const NOT_RESTARTABLE = new Set(['running', 'passed'])

// A missing route means the server no longer has the product-workflow API.
async function withVersionHint<T>(call: () => Promise<T>): Promise<T> {
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

function productRead(
  deps: OperationDeps
): (workflowKey: string, taskId: number) => Promise<TaskDetail> {
  return async (workflowKey, taskId) =>
    (await withVersionHint(() =>
      deps.client.productWorkflows.getTask(
        deps.inputs.project,
        workflowKey,
        taskId
      )
    )) as TaskDetail
}

function productControl(deps: OperationDeps): TaskControl {
  return {
    read: productRead(deps),
    cancel: (key, id, signal) =>
      deps.client.productWorkflows.cancel(deps.inputs.project, key, id, signal)
  }
}

function link(
  deps: OperationDeps,
  state: OperationState,
  taskId: number
): void {
  state.taskId = taskId
  state.taskUrl = productTaskUrl(
    deps.inputs.url,
    deps.inputs.project,
    deps.inputs.workflow,
    taskId
  )
}

async function load(
  deps: OperationDeps,
  state: OperationState
): Promise<TaskDetail> {
  link(deps, state, deps.inputs.taskId as number)
  const task = await productRead(deps)(
    deps.inputs.workflow,
    state.taskId as number
  )
  state.task = task
  return task
}

/** operation: trigger (product) — body per docs/zadigx-api.md#product-workflows; `inputs` is the `input` object. */
export const productTrigger: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  // A read first: a server without the product API says so before anything is created.
  await withVersionHint(() =>
    client.productWorkflows.listTasks(inputs.project, inputs.workflow, 1, 1)
  )
  const created = await withVersionHint(() =>
    client.productWorkflows.trigger({
      workflow_key: inputs.workflow,
      project_key: inputs.project,
      input: inputs.productInput ?? {}
    })
  )
  link(deps, state, created.task_id)
  log.info(
    `Product workflow task #${created.task_id} created: ${state.taskUrl}`
  )
  if (!inputs.wait) {
    state.task = await productRead(deps)(
      inputs.workflow,
      created.task_id
    ).catch(() => state.task)
    return { result: 'running', ok: true }
  }
  return followTask(deps, state, productControl(deps))
}

/** operation: wait (product). */
export const productWait: Operation = async (deps, state) => {
  await load(deps, state)
  return followTask(deps, state, productControl(deps))
}

/** operation: get-task (product). */
export const productGetTask: Operation = async (deps, state) => {
  const task = await load(deps, state)
  state.data = task
  return { result: resultOf(task.status), ok: true }
}

/** operation: list-tasks (product) — the server returns a bare array. */
export const productListTasks: Operation = async (deps, state) => {
  const { inputs, client } = deps
  const tasks = await withVersionHint(() =>
    client.productWorkflows.listTasks(
      inputs.project,
      inputs.workflow,
      inputs.pageNum,
      inputs.pageSize
    )
  )
  state.data = { total: tasks.length, tasks }
  return { result: 'success' }
}

/** operation: cancel (product) — through the legacy directory API. */
export const productCancel: Operation = async (deps, state) => {
  const task = await load(deps, state)
  if (isTerminal(task.status)) {
    deps.log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it.`
    )
    return { result: resultOf(task.status), ok: true }
  }
  await deps.client.productWorkflows.cancel(
    deps.inputs.project,
    deps.inputs.workflow,
    task.task_id
  )
  state.task = await productRead(deps)(deps.inputs.workflow, task.task_id)
  return { result: resultOf(state.task.status), ok: true }
}

/** operation: restart (product) — only failed, timeout or cancelled tasks. */
export const productRestart: Operation = async (deps, state) => {
  const task = await load(deps, state)
  const status = normalizeStatus(task.status)
  if (NOT_RESTARTABLE.has(status) || !isTerminal(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; only a product-workflow task that has ended without passing (failed, timeout, cancelled, reject) can be restarted.`
    )
  await deps.client.productWorkflows.restart(
    deps.inputs.project,
    deps.inputs.workflow,
    task.task_id
  )
  deps.log.info(`Restarted task #${task.task_id}: ${state.taskUrl}`)
  if (!deps.inputs.wait) return { result: 'running', ok: true }
  return followTask(deps, state, productControl(deps))
}
