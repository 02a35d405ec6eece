// operation: list-workflows — the project's workflows, maybe of one view.
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/**
 * operation: list-workflows — the project's workflows (custom first), optionally
 * of one view. `data`: `[{workflow_key, workflow_name, type, update_by, update_time}]`.
 */
export const listWorkflowsOperation = defineOperation({
  name: 'list-workflows',
  workflowTypes: ['custom'],
  needs: ['project'],
  reads: ['view'],
  passes: passes.onSuccess,
  run: listWorkflows
})

async function listWorkflows(
  deps: DepsOf<'project', 'view'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const list = await client.workflows.list(inputs.project, inputs.view)
  state.data = list.workflows ?? []
  log.info(
    `${(list.workflows ?? []).length} workflows in project ${inputs.project}`
  )
  return { result: 'success' }
}
