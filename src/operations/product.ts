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
import type { Operation, OperationDeps, OperationState } from './context.js'
import { followTask } from '../follow/task.js'
import { withVersionHint, type TaskRef } from './task-ref.js'

/** The task named by `task-id`, read once, with its link recorded in the state. */
async function load(
  deps: OperationDeps,
  state: OperationState
): Promise<{ ref: TaskRef; task: TaskDetail }> {
  const ref = deps.kind.task(deps.inputs.workflow, deps.inputs.taskId as number)
  state.taskId = ref.taskId
  state.taskUrl = ref.url
  const task = await ref.read()
  state.task = task
  return { ref, task }
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
  const ref = deps.kind.task(inputs.workflow, created.task_id)
  state.taskId = ref.taskId
  state.taskUrl = ref.url
  log.info(
    `Product workflow task #${created.task_id} created: ${state.taskUrl}`
  )
  if (!inputs.wait) {
    state.task = await ref.read().catch(() => state.task)
    return { result: 'running', ok: true }
  }
  return followTask(deps, state, ref)
}

/** operation: wait (product). */
export const productWait: Operation = async (deps, state) => {
  const { ref } = await load(deps, state)
  return followTask(deps, state, ref)
}

/** operation: get-task (product). */
export const productGetTask: Operation = async (deps, state) => {
  const { task } = await load(deps, state)
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
  const { ref, task } = await load(deps, state)
  if (isTerminal(task.status)) {
    deps.log.warning(
      `Task #${task.task_id} already ended with status ${untrusted(task.status)}; not cancelling it.`
    )
    return { result: resultOf(task.status), ok: true }
  }
  await ref.cancel()
  state.task = await ref.read()
  return { result: resultOf(state.task.status), ok: true }
}

/** operation: restart (product) — only failed, timeout or cancelled tasks. */
export const productRestart: Operation = async (deps, state) => {
  const { ref, task } = await load(deps, state)
  const status = normalizeStatus(task.status)
  if (NOT_RESTARTABLE.has(status) || !isTerminal(status))
    throw new Error(
      `task-id: task #${task.task_id} has status ${untrusted(status || 'unknown')}; only a product-workflow task that has ended without passing (failed, timeout, cancelled, reject) can be restarted.`
    )
  await ref.rerun()
  deps.log.info(`Restarted task #${task.task_id}: ${state.taskUrl}`)
  if (!deps.inputs.wait) return { result: 'running', ok: true }
  return followTask(deps, state, ref)
}
