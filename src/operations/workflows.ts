// operations on workflows and views: list, create, update, delete.
import { isMapping, loadYaml, parseStructured } from '../structured.js'
import type { Operation } from './context.js'

/** operation: list-workflows — the project's workflows (custom first), optionally of one view. */
export const listWorkflowsOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const list = await client.workflows.list(inputs.project, inputs.view)
  state.data = list.workflows ?? []
  log.info(
    `${(list.workflows ?? []).length} workflows in project ${inputs.project}`
  )
  return { result: 'success' }
}

/** operation: list-tasks — one page of a workflow's tasks, newest first. */
export const listTasksOperation: Operation = async (deps, state) => {
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

/** operation: create-workflow — create a custom workflow from its YAML definition. */
export const createWorkflowOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const definition = inputs.definition as string
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
  deps: Parameters<Operation>[0],
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

/** operation: update-workflow — replace a custom workflow's definition. */
export const updateWorkflowOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  await client.workflows.update(inputs.workflow, inputs.definition as string)
  log.info(`Updated workflow ${inputs.workflow}`)
  state.data = { workflow_key: inputs.workflow }
  return { result: 'success' }
}

/** operation: delete-workflow — custom or product (workflow-type). */
export const deleteWorkflowOperation: Operation = async (deps, state) => {
  const { inputs, kind, log } = deps
  await kind.deleteWorkflow(inputs.project, inputs.workflow)
  log.info(`Deleted ${kind.name} workflow ${inputs.workflow}`)
  state.data = { workflow_key: inputs.workflow }
  return { result: 'success' }
}

/** operation: list-views. */
export const listViewsOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const views = (await client.views.list(inputs.project)) ?? []
  state.data = views
  log.info(`${views.length} workflow views in project ${inputs.project}`)
  return { result: 'success' }
}

/** operation: create-view — all listed workflows start enabled (docs/zadigx-api.md#views). */
export const createViewOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const workflows = inputs.viewWorkflows ?? []
  await client.views.create({
    project_key: inputs.project,
    name: inputs.view as string,
    workflow_list: workflows.map(w => ({
      workflow_key: w.workflow_key,
      workflow_type: w.workflow_type
    }))
  })
  log.info(`Created view ${inputs.view} with ${workflows.length} workflows`)
  state.data = { name: inputs.view, workflows }
  return { result: 'success' }
}

/** operation: update-view — enables/disables the listed workflows; adds enabled new ones. */
export const updateViewOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  const workflows = inputs.viewWorkflows ?? []
  await client.views.update(inputs.project, inputs.view as string, {
    workflow_list: workflows
  })
  log.info(`Updated view ${inputs.view}`)
  state.data = { name: inputs.view, workflows }
  return { result: 'success' }
}

/** operation: delete-view. */
export const deleteViewOperation: Operation = async (deps, state) => {
  const { inputs, client, log } = deps
  await client.views.delete(inputs.project, inputs.view as string)
  log.info(`Deleted view ${inputs.view}`)
  state.data = { name: inputs.view }
  return { result: 'success' }
}
