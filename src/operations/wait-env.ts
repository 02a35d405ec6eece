// operation: wait-env — waits until an environment is idle and its services are
// healthy: the merge gate on an environment's health (docs/zadigx-api.md#env-status).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import {
  beginEnv,
  followToEnd,
  readBefore,
  requireService,
  showsPods
} from './env-step.js'

/**
 * operation: wait-env — follows the environment until it is idle and the
 * services named in `service`/`services` (else all of them) are healthy; a
 * failed environment, a failed service, an image that cannot be pulled or a
 * crash loop fails it at once.
 */
export const waitEnvOperation = defineOperation({
  name: 'wait-env',
  workflowTypes: ['custom'],
  needs: ['project', 'env'],
  reads: ['service', 'services'],
  passes: passes.whenFollowed,
  run: waitEnv
})

async function waitEnv(
  deps: DepsOf<'project' | 'env', 'service' | 'services'>,
  state: OperationState
): Promise<OperationOutcome> {
  const address = beginEnv(deps, state)
  const detail = await readBefore(deps, state, address)
  // Nothing is written: the summary shows one state, not a before and after.
  if (state.env) state.env.before = undefined
  const named = [
    ...(deps.inputs.service ? [deps.inputs.service] : []),
    ...(deps.inputs.services ?? []).map(s => s.name)
  ]
  for (const name of named) requireService(detail, name)
  const all = (detail.services ?? []).map(s => s.service_name)
  const services = named.length ? [...new Set(named)] : all
  const live =
    services.length > 0 && (await showsPods(deps, address, services[0]!))
  const outcome = await followToEnd(deps, state, {
    goal: 'apply',
    expected: services.map(service => ({ service })),
    live
  })
  if (outcome.result === 'success')
    deps.log.info(`Environment ${address.envKey} is healthy`)
  return outcome
}
