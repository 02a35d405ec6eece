// Product (legacy "multi") workflows, selected with workflow-type: product (docs/zadigx-api.md#product-workflows).
// Their routes exist in ZadigX v1.7 .. Zadig v3.4.0; v3.4.1 removed them
// (docs/zadigx-api.md#product-workflows).
import { untrusted } from '../log.js'
import { isRouteMissing } from '../zadig/errors.js'
import { productTaskUrl } from '../zadig/links.js'
import { isTerminal, normalizeStatus, resultOf } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
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
      deps.client.getProductTask(deps.inputs.project, workflowKey, taskId)
    )) as TaskDetail
}

function productControl(deps: OperationDeps): TaskControl {
  return {
    read: productRead(deps),
    cancel: (key, id, signal) =>
      deps.client.cancelProductTask(deps.inputs.project, key, id, signal)
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

type TaskDeps = DepsOf<'project' | 'workflow' | 'taskId'>

// Product workflows are looked up within their project: every operation needs it.
const ON_TASK = {
  workflowTypes: ['product'],
  needs: ['project', 'workflow', 'taskId']
} as const

/** operation: trigger (product) — follows the task unless `wait: false`. */
export const productTriggerOperation = defineOperation({
  name: 'trigger',
  workflowTypes: ['product'],
  needs: ['project', 'workflow'],
  reads: ['productInput'],
  passes: passes.whenStartedOrFollowed,
  run: productTrigger
})

/** operation: wait (product). */
export const productWaitOperation = defineOperation({
  name: 'wait',
  ...ON_TASK,
  passes: passes.whenFollowed,
  run: productWait
})

/** operation: get-task (product) — never fails on the task's result. `data`: the task detail. */
export const productGetTaskOperation = defineOperation({
  name: 'get-task',
  ...ON_TASK,
  passes: passes.onAnyResult,
  run: productGetTask
})

/** operation: list-tasks (product). `data`: `{total, tasks}` (one page: the server returns a bare array). */
export const productListTasksOperation = defineOperation({
  name: 'list-tasks',
  workflowTypes: ['product'],
  needs: ['project', 'workflow'],
  passes: passes.onSuccess,
  run: productListTasks
})

/** operation: cancel (product) — a task that has ended is left alone. */
export const productCancelOperation = defineOperation({
  name: 'cancel',
  ...ON_TASK,
  passes: passes.onAnyResult,
  run: productCancel
})

/** operation: restart (product) — re-runs a task that ended without passing. */
export const productRestartOperation = defineOperation({
  name: 'restart',
  // Custom workflows call it retry; either name runs this one on a product workflow.
  aliases: ['retry'],
  ...ON_TASK,
  passes: passes.whenStartedOrFollowed,
  run: productRestart
})

async function load(
  deps: TaskDeps,
  state: OperationState
): Promise<TaskDetail> {
  link(deps, state, deps.inputs.taskId)
  const task = await productRead(deps)(deps.inputs.workflow, deps.inputs.taskId)
  state.task = task
  return task
}

// Body per docs/zadigx-api.md#product-workflows; `inputs` is the `input` object.
async function productTrigger(
  deps: DepsOf<'project' | 'workflow', 'productInput'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  // A read first: a server without the product API says so before anything is created.
  await withVersionHint(() =>
    client.listProductTasks(inputs.project, inputs.workflow, 1, 1)
  )
  const created = await withVersionHint(() =>
    client.triggerProductTask({
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
    return { result: 'running' }
  }
  return followTask(deps, state, productControl(deps))
}

async function productWait(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  await load(deps, state)
  return followTask(deps, state, productControl(deps))
}

async function productGetTask(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const task = await load(deps, state)
  state.data = task
  return { result: resultOf(task.status) }
}

async function productListTasks(
  deps: DepsOf<'project' | 'workflow'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client } = deps
  const tasks = await withVersionHint(() =>
    client.listProductTasks(
      inputs.project,
      inputs.workflow,
      inputs.pageNum,
      inputs.pageSize
    )
  )
  state.data = { total: tasks.length, tasks }
  return { result: 'success' }
}

// Through the legacy directory API.
async function productCancel(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const task = await load(deps, state)
  if (isTerminal(task.status)) {
    deps.log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it.`
    )
    return { result: resultOf(task.status) }
  }
  await deps.client.cancelProductTask(
    deps.inputs.project,
    deps.inputs.workflow,
    task.task_id
  )
  state.task = await productRead(deps)(deps.inputs.workflow, task.task_id)
  return { result: resultOf(state.task.status) }
}

// Only failed, timeout or cancelled tasks.
async function productRestart(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const task = await load(deps, state)
  const status = normalizeStatus(task.status)
  if (NOT_RESTARTABLE.has(status) || !isTerminal(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; only a product-workflow task that has ended without passing (failed, timeout, cancelled, reject) can be restarted.`
    )
  await deps.client.restartProductTask(
    deps.inputs.project,
    deps.inputs.workflow,
    task.task_id
  )
  deps.log.info(`Restarted task #${task.task_id}: ${state.taskUrl}`)
  if (!deps.inputs.wait) return { result: 'running' }
  return followTask(deps, state, productControl(deps))
}
