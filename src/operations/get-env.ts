// operation: get-env — one environment: its status, services (status and images)
// and global variables (docs/zadigx-api.md#env-detail).
import { serviceRows } from '../env-report.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { beginEnv, sawEnv } from './env-step.js'

/**
 * operation: get-env — reads the environment without changing it.
 * `data`: `{env_key, status, services: [{name, status, images}], global_variables: [{key, value}]}`.
 */
export const getEnvOperation = defineOperation({
  name: 'get-env',
  workflowTypes: ['custom'],
  needs: ['project', 'env'],
  passes: passes.onSuccess,
  run: getEnv
})

async function getEnv(
  deps: DepsOf<'project' | 'env'>,
  state: OperationState
): Promise<OperationOutcome> {
  const address = beginEnv(deps, state)
  const detail = await deps.client.environments.detail(address)
  sawEnv(state, detail)
  const variables = Array.isArray(detail.global_variables)
    ? detail.global_variables
    : []
  state.data = {
    env_key: address.envKey,
    status: state.env?.status ?? '',
    services: serviceRows(detail),
    global_variables: variables.map(v => ({ key: v?.key, value: v?.value }))
  }
  deps.log.info(
    `Environment ${address.envKey}: ${state.env?.status || 'no status'}, ${serviceRows(detail).length} services`
  )
  return { result: 'success' }
}
