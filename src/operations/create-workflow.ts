// operation: create-workflow — a custom workflow from its YAML definition.
import { isMapping, loadYaml, parseStructured } from '../structured.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/**
 * operation: create-workflow — create a custom workflow from its YAML definition,
 * in `view` when given. `data`: `{workflow_key}`.
 */
export const createWorkflowOperation = defineOperation({
  name: 'create-workflow',
  workflowTypes: ['custom'],
  needs: ['project', 'definition'],
  // workflow: checked against the definition's name (src/inputs/definition.ts).
  reads: ['workflow', 'view'],
  passes: passes.onSuccess,
  run: createWorkflow
})

// Parsed as getInputs checked it (src/inputs/definition.ts); the parser is
// loaded by then, so loadYaml returns at once.
async function definitionName(definition: string): Promise<string> {
  await loadYaml()
  const data = parseStructured(definition)
  return isMapping(data) && typeof data['name'] === 'string' ? data['name'] : ''
}

async function createWorkflow(
  deps: DepsOf<'project' | 'definition', 'workflow' | 'view'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const definition = inputs.definition
  state.workflowKey = inputs.workflow || (await definitionName(definition))
  await client.workflows.create(definition, inputs.view)
  log.info(`Created workflow ${state.workflowKey} in project ${inputs.project}`)
  state.data = { workflow_key: state.workflowKey }
  if (inputs.view) await ensureInView(deps, inputs.view, state.workflowKey)
  return { result: 'success' }
}

// ZadigX v1.7 ignores `viewName` on create and v1.8+ ignore a failure to add the
// workflow to the view (docs/zadigx-api.md#create-workflow), so the view is read back
// and the workflow added through the views API when it is not there (#views).
async function ensureInView(
  deps: DepsOf<'project'>,
  view: string,
  workflowKey: string
): Promise<void> {
  const { inputs, client, log } = deps
  const views = await client.views.list(inputs.project)
  const found = views.find(v => v.name === view)
  if (!found) {
    log.warning(
      `View ${JSON.stringify(view)} does not exist in project ${inputs.project}: the workflow was created outside any view. Create the view with operation: create-view.`
    )
    return
  }
  const listed = (found.workflows ?? []).some(
    w => w.workflow_key === workflowKey
  )
  if (listed) return
  await client.views.update(inputs.project, view, {
    workflow_list: [
      { workflow_key: workflowKey, workflow_type: 'custom', enabled: true }
    ]
  })
  log.info(
    `Added ${workflowKey} to view ${JSON.stringify(view)} (this ZadigX did not do it on create)`
  )
}
