// operation: delete-workflow — a custom or product workflow (workflow-type).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: delete-workflow — delete a custom workflow. `data`: `{workflow_key}`. */
export const deleteWorkflowOperation = defineOperation({
  name: 'delete-workflow',
  workflowTypes: ['custom'],
  needs: ['project', 'workflow'],
  passes: passes.onSuccess,
  run: deleteWorkflow
})

/** operation: delete-workflow on a product workflow. `data`: `{workflow_key}`. */
export const deleteProductWorkflowOperation = defineOperation({
  name: 'delete-workflow',
  workflowTypes: ['product'],
  needs: ['project', 'workflow'],
  passes: passes.onSuccess,
  run: deleteWorkflow
})

// Custom or product (workflow-type).
async function deleteWorkflow(
  deps: DepsOf<'project' | 'workflow'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, kind, log } = deps
  await kind.deleteWorkflow(inputs.project, inputs.workflow)
  log.info(`Deleted ${kind.name} workflow ${inputs.workflow}`)
  state.data = { workflow_key: inputs.workflow }
  return { result: 'success' }
}
