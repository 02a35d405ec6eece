// operation: trigger (product) — start a product ("multi") workflow task and follow it
// unless `wait: false`. Their routes exist in ZadigX v1.7 .. Zadig v3.4.0; v3.4.1
// removed them (docs/zadigx-api.md#product-workflows).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { followTask } from '../follow/task.js'
import { withVersionHint } from './task-ref.js'

/** operation: trigger (product) — follows the task unless `wait: false`. */
export const productTriggerOperation = defineOperation({
  name: 'trigger',
  workflowTypes: ['product'],
  needs: ['project', 'workflow'],
  reads: ['productInput'],
  passes: passes.whenStartedOrFollowed,
  run: productTrigger
})

// Body per docs/zadigx-api.md#product-workflows; `inputs` is the `input` object.
async function productTrigger(
  deps: DepsOf<'project' | 'workflow', 'productInput'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  // A read first: a server without the product API says so before anything is created.
  await withVersionHint(() =>
    client.productWorkflows.listTasks(inputs.project, inputs.workflow, 1, 1)
  )
  const created = await withVersionHint(() =>
    client.productWorkflows.trigger({
      workflow_key: inputs.workflow,
      project_key: inputs.project,
      input: inputs.productInput ?? {}
    })
  )
  const ref = deps.kind.task(inputs.workflow, created.task_id)
  state.taskId = ref.taskId
  state.taskUrl = ref.url
  log.info(
    `Product workflow task #${created.task_id} created: ${state.taskUrl}`
  )
  if (!inputs.wait) {
    state.task = await ref.read().catch(() => state.task)
    return { result: 'running' }
  }
  return followTask(deps, state, ref, { createdHere: true })
}
