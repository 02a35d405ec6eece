// operation: restart-service — restarts a service's workloads and follows the new
// pods until they are ready (docs/zadigx-api.md#env-restart).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import {
  beginEnv,
  readBefore,
  requireService,
  rollOut,
  showsPods
} from './env-step.js'

/**
 * operation: restart-service — the server answers success for a service that is
 * not in the environment and restarts nothing, so that is checked first.
 */
export const restartServiceOperation = defineOperation({
  name: 'restart-service',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'service'],
  passes: passes.whenStartedOrFollowed,
  run: restartService
})

async function restartService(
  deps: DepsOf<'project' | 'env' | 'service'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { service } = deps.inputs
  const address = beginEnv(deps, state)
  requireService(await readBefore(deps, state, address), service)
  const live = await showsPods(deps, address, service)
  // The pods from before must go: that is how a restart shows where pods are visible.
  const before = live
    ? await deps.client.environments.service(address, service)
    : undefined
  const replacedPods = (before?.scales ?? []).flatMap(w =>
    (w.pods ?? []).map(p => p.name)
  )
  if (!live)
    deps.log.info(
      'This ZadigX version does not show pods: the restart is judged by the service status alone'
    )
  return rollOut(
    deps,
    state,
    () => deps.client.environments.restart(address, service),
    { goal: 'apply', expected: [{ service, replacedPods }], live }
  )
}
