// operation: delete-view.
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: delete-view. `data`: `{name}`. */
export const deleteViewOperation = defineOperation({
  name: 'delete-view',
  workflowTypes: ['custom'],
  needs: ['project', 'view'],
  passes: passes.onSuccess,
  run: deleteView
})

async function deleteView(
  deps: DepsOf<'project' | 'view'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  await client.views.delete(inputs.project, inputs.view)
  log.info(`Deleted view ${inputs.view}`)
  state.data = { name: inputs.view }
  return { result: 'success' }
}
