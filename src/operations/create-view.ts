// operation: create-view — a workflow view; every listed workflow starts enabled.
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: create-view — all listed workflows start enabled. `data`: `{name, workflows}`. */
export const createViewOperation = defineOperation({
  name: 'create-view',
  workflowTypes: ['custom'],
  needs: ['project', 'view', 'viewWorkflows'],
  passes: passes.onSuccess,
  run: createView
})

// All listed workflows start enabled (docs/zadigx-api.md#views).
async function createView(
  deps: DepsOf<'project' | 'view' | 'viewWorkflows'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const workflows = inputs.viewWorkflows
  await client.views.create({
    project_key: inputs.project,
    name: inputs.view,
    workflow_list: workflows.map(w => ({
      workflow_key: w.workflow_key,
      workflow_type: w.workflow_type
    }))
  })
  log.info(`Created view ${inputs.view} with ${workflows.length} workflows`)
  state.data = { name: inputs.view, workflows }
  return { result: 'success' }
}
