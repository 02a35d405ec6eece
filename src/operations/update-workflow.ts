// operation: update-workflow — replace a custom workflow's definition.
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: update-workflow — replace a custom workflow's definition. `data`: `{workflow_key}`. */
export const updateWorkflowOperation = defineOperation({
  name: 'update-workflow',
  workflowTypes: ['custom'],
  needs: ['project', 'workflow', 'definition'],
  passes: passes.onSuccess,
  run: updateWorkflow
})

async function updateWorkflow(
  deps: DepsOf<'project' | 'workflow' | 'definition'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  await client.workflows.update(inputs.workflow, inputs.definition)
  log.info(`Updated workflow ${inputs.workflow}`)
  state.data = { workflow_key: inputs.workflow }
  return { result: 'success' }
}
