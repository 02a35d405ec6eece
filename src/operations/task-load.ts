// The task an operation on one existing task acts on: named by `workflow` and
// `task-id`, read once, its link recorded in the state. Custom and product tasks
// are told apart once, by `deps.kind` (task-ref.ts).
import type { TaskDetail } from '../zadig/types.js'
import type { OperationState } from './context.js'
import type { DepsOf } from './define.js'
import type { TaskRef } from './task-ref.js'

/** What every operation on one task needs; custom workflows take the project for links only. */
export type TaskDeps = DepsOf<'workflow' | 'taskId', 'project'>

// Custom workflows are looked up by key alone (workflow keys are globally
// unique), so these work from workflow + task-id; the project only feeds links.
export const ON_CUSTOM_TASK = {
  workflowTypes: ['custom'],
  needs: ['workflow', 'taskId'],
  reads: ['project']
} as const

// Product workflows are looked up within their project: every operation needs it.
export const ON_PRODUCT_TASK = {
  workflowTypes: ['product'],
  needs: ['project', 'workflow', 'taskId']
} as const

/** The task named by `task-id`, read once, with its link recorded in the state. */
export async function loadTask(
  deps: TaskDeps,
  state: OperationState
): Promise<{ ref: TaskRef; task: TaskDetail }> {
  const { inputs } = deps
  const ref = deps.kind.task(inputs.workflow, inputs.taskId)
  state.taskId = ref.taskId
  const task = await ref.read({ signal: deps.signal })
  state.task = task
  state.workflowName = task.workflow_name
  state.projectKey ||= ref.projectKey
  state.taskUrl = ref.url
  return { ref, task }
}
