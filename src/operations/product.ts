// Product (legacy "multi") workflows, selected with workflow-type: product (docs/zadigx-api.md#product-workflows).
// Their routes exist in ZadigX v1.7 .. Zadig v3.4.0; v3.4.1 removed them
// (docs/zadigx-api.md#product-workflows).
import { untrusted } from '../log.js'
import {
  NOT_RESTARTABLE,
  isTerminal,
  normalizeStatus,
  resultOf
} from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { followTask } from '../follow/task.js'
import { withVersionHint, type TaskRef } from './task-ref.js'

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

/** The task named by `task-id`, read once, with its link recorded in the state. */
async function load(
  deps: TaskDeps,
  state: OperationState
): Promise<{ ref: TaskRef; task: TaskDetail }> {
  const ref = deps.kind.task(deps.inputs.workflow, deps.inputs.taskId)
  state.taskId = ref.taskId
  state.taskUrl = ref.url
  const task = await ref.read()
  state.task = task
  return { ref, task }
}

// Body per docs/zadigx-api.md#product-workflows; `inputs` is the `input` object.
async function productTrigger(
  deps: DepsOf<'project' | 'workflow', 'productInput'>,
  state: OperationState
): Promise<OperationOutcome> {
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
  const ref = deps.kind.task(inputs.workflow, created.task_id)
  state.taskId = ref.taskId
  state.taskUrl = ref.url
  log.info(
    `Product workflow task #${created.task_id} created: ${state.taskUrl}`
  )
  if (!inputs.wait) {
    state.task = await ref.read().catch(() => state.task)
    return { result: 'running' }
  }
  return followTask(deps, state, ref)
}

async function productWait(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { ref } = await load(deps, state)
  return followTask(deps, state, ref)
}

async function productGetTask(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { task } = await load(deps, state)
  state.data = task
  return { result: resultOf(task.status) }
}

async function productListTasks(
  deps: DepsOf<'project' | 'workflow'>,
  state: OperationState
): Promise<OperationOutcome> {
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

// Through the legacy directory API.
async function productCancel(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { ref, task } = await load(deps, state)
  if (isTerminal(task.status)) {
    deps.log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it.`
    )
    return { result: resultOf(task.status) }
  }
  await ref.cancel()
  state.task = await ref.read()
  return { result: resultOf(state.task.status) }
}

// Any task that ended without passing.
async function productRestart(
  deps: TaskDeps,
  state: OperationState
): Promise<OperationOutcome> {
  const { ref, task } = await load(deps, state)
  const status = normalizeStatus(task.status)
  if (NOT_RESTARTABLE.has(status) || !isTerminal(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; only a product-workflow task that has ended without passing (failed, timeout, cancelled, reject) can be restarted.`
    )
  await ref.rerun()
  deps.log.info(`Restarted task #${task.task_id}: ${state.taskUrl}`)
  if (!deps.inputs.wait) return { result: 'running' }
  return followTask(deps, state, ref)
}
