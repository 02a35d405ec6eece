// operations on workflows and views: list, create, update, delete.
import { isMapping, loadYaml, parseStructured } from '../structured.js'
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

/** operation: update-workflow — replace a custom workflow's definition. `data`: `{workflow_key}`. */
export const updateWorkflowOperation = defineOperation({
  name: 'update-workflow',
  workflowTypes: ['custom'],
  needs: ['project', 'workflow', 'definition'],
  passes: passes.onSuccess,
  run: updateWorkflow
})

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

/** operation: list-views. `data`: `[{name, project_key, workflows: [{workflow_key, workflow_type}], …}]`. */
export const listViewsOperation = defineOperation({
  name: 'list-views',
  workflowTypes: ['custom'],
  needs: ['project'],
  passes: passes.onSuccess,
  run: listViews
})

/** operation: create-view — all listed workflows start enabled. `data`: `{name, workflows}`. */
export const createViewOperation = defineOperation({
  name: 'create-view',
  workflowTypes: ['custom'],
  needs: ['project', 'view', 'viewWorkflows'],
  passes: passes.onSuccess,
  run: createView
})

/** operation: update-view — enables/disables the listed workflows. `data`: `{name, workflows}`. */
export const updateViewOperation = defineOperation({
  name: 'update-view',
  workflowTypes: ['custom'],
  needs: ['project', 'view', 'viewWorkflows'],
  passes: passes.onSuccess,
  run: updateView
})

/** operation: delete-view. `data`: `{name}`. */
export const deleteViewOperation = defineOperation({
  name: 'delete-view',
  workflowTypes: ['custom'],
  needs: ['project', 'view'],
  passes: passes.onSuccess,
  run: deleteView
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
