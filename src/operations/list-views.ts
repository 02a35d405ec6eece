// operation: list-views — the project's workflow views.
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: list-views. `data`: `[{name, project_key, workflows: [{workflow_key, workflow_type}], …}]`. */
export const listViewsOperation = defineOperation({
  name: 'list-views',
  workflowTypes: ['custom'],
  needs: ['project'],
  passes: passes.onSuccess,
  run: listViews
})

async function listViews(
  deps: DepsOf<'project'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const views = (await client.views.list(inputs.project)) ?? []
  state.data = views
  log.info(`${views.length} workflow views in project ${inputs.project}`)
  return { result: 'success' }
}
