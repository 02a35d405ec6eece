// operation: list-tasks — one page of a workflow's tasks, newest first (custom or product).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { withVersionHint } from './task-ref.js'

/**
 * operation: list-tasks — one page of a workflow's tasks, newest first.
 * `data`: `{total, tasks: [{task_id, status, task_creator, create_time, …}]}`.
 */
export const listTasksOperation = defineOperation({
  name: 'list-tasks',
  workflowTypes: ['custom'],
  needs: ['project', 'workflow'],
  passes: passes.onSuccess,
  run: listTasks
})

async function listTasks(
  deps: DepsOf<'project' | 'workflow'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const page = await client.tasks.list(
    inputs.project,
    inputs.workflow,
    inputs.pageNum,
    inputs.pageSize
  )
  const tasks = page.workflow_tasks
  state.data = { total: page.total, tasks }
  log.info(
    `${tasks.length} of ${page.total} tasks of ${inputs.workflow} (page ${inputs.pageNum})`
  )
  return { result: 'success' }
}

/** operation: list-tasks (product). `data`: `{total, tasks}` (one page: the server returns a bare array). */
export const productListTasksOperation = defineOperation({
  name: 'list-tasks',
  workflowTypes: ['product'],
  needs: ['project', 'workflow'],
  passes: passes.onSuccess,
  run: productListTasks
})

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
