// operation: update-view — enable or disable workflows of a view.
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: update-view — enables/disables the listed workflows. `data`: `{name, workflows}`. */
export const updateViewOperation = defineOperation({
  name: 'update-view',
  workflowTypes: ['custom'],
  needs: ['project', 'view', 'viewWorkflows'],
  passes: passes.onSuccess,
  run: updateView
})

// Enables/disables the listed workflows; adds enabled new ones.
async function updateView(
  deps: DepsOf<'project' | 'view' | 'viewWorkflows'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const workflows = inputs.viewWorkflows
  await client.views.update(inputs.project, inputs.view, {
    workflow_list: workflows
  })
  log.info(`Updated view ${inputs.view}`)
  state.data = { name: inputs.view, workflows }
  return { result: 'success' }
}
