// operation: trigger (product) — start a product ("multi") workflow task and follow it
// unless `wait: false`. Their routes exist in ZadigX v1.7 .. Zadig v3.4.0; v3.4.1
// removed them (docs/zadigx-api.md#product-workflows).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { followTask } from '../follow/task.js'
import { withVersionHint } from './task-ref.js'
import { sendTrigger } from './trigger-send.js'
import { RECENT_PAGE } from '../follow/run-history.js'

/** operation: trigger (product) — follows the task unless `wait: false`. */
export const productTriggerOperation = defineOperation({
  name: 'trigger',
  workflowTypes: ['product'],
  needs: ['project', 'workflow'],
  reads: ['productInput'],
  passes: passes.whenStartedOrFollowed,
  run: productTrigger
})

// Body per docs/zadigx-api.md#product-workflows; `inputs` is the `input` object. A
// product task shows nothing of its input (no stages), so a lost answer is matched by
// creator and time alone (docs/zadigx-api.md#trigger-fingerprint).
async function productTrigger(
  deps: DepsOf<'project' | 'workflow', 'productInput'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  // A read first: a server without the product API says so before anything is created.
  // It is also the baseline for finding the task if the answer is lost.
  const recent = await deps.kind.newest(inputs.workflow, RECENT_PAGE, {
    signal: deps.signal
  })
  const sent = await sendTrigger(deps, state, {
    post: signal =>
      withVersionHint(() =>
        client.productWorkflows.trigger(
          {
            workflow_key: inputs.workflow,
            project_key: inputs.project,
            input: inputs.productInput ?? {}
          },
          signal
        )
      ),
    sent: [],
    recent
  })
  if ('stopped' in sent) return sent.stopped
  const ref = deps.kind.task(inputs.workflow, sent.taskId)
  state.taskId = ref.taskId
  state.taskUrl = ref.url
  log.info(`Product workflow task #${sent.taskId} created: ${state.taskUrl}`)
  if (!inputs.wait) {
    // Not followed: a later cancel of the job leaves this task alone.
    deps.track?.({
      workflowKey: inputs.workflow,
      taskId: ref.taskId,
      done: true
    })
    state.task = await ref.read().catch(() => state.task)
    return { result: 'running' }
  }
  return followTask(deps, state, ref, { createdHere: true })
}
