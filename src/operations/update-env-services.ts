// operation: update-env-services — redeploys services of an environment with new
// variable values (and the newest service template) and follows them until
// healthy (docs/zadigx-api.md#env-update-services).
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
 * operation: update-env-services — `services` names the services, each with the
 * variables to set (`{svc-a: {LOG_LEVEL: debug}}` or a list of names).
 */
export const updateEnvServicesOperation = defineOperation({
  name: 'update-env-services',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'services'],
  passes: passes.whenStartedOrFollowed,
  run: updateEnvServices
})

async function updateEnvServices(
  deps: DepsOf<'project' | 'env' | 'services'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { services } = deps.inputs
  const address = beginEnv(deps, state)
  const detail = await readBefore(deps, state, address)
  for (const s of services) requireService(detail, s.name)
  const live = await showsPods(deps, address, services[0]!.name)
  return rollOut(
    deps,
    state,
    () =>
      deps.client.environments.updateServices(
        address,
        services.map(s => ({
          service_name: s.name,
          variable_kvs: s.variables.map(v => ({ key: v.key, value: v.value }))
        }))
      ),
    {
      goal: 'apply',
      expected: services.map(s => ({ service: s.name })),
      live
    }
  )
}
