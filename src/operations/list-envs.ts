// operation: list-envs — a project's test (or, with production: true, production)
// environments and their status (docs/zadigx-api.md#env-list).
import { statusOf } from '../follow/rollout-rule.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** One environment as `data` lists it. */
export interface ListedEnv {
  env_key: string
  alias: string
  status: string
  production: boolean
  namespace: string
  cluster_id: string
  update_by: string
  update_time: number | null
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * operation: list-envs — the project's environments.
 * `data`: `[{env_key, alias, status, production, namespace, cluster_id, update_by, update_time}]`.
 */
export const listEnvsOperation = defineOperation({
  name: 'list-envs',
  workflowTypes: ['custom'],
  needs: ['project'],
  passes: passes.onSuccess,
  run: listEnvs
})

async function listEnvs(
  deps: DepsOf<'project'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, production } = deps.inputs
  const envs = await deps.client.environments.list(project, production)
  state.data = envs.map((e): ListedEnv => ({
    env_key: text(e.env_key),
    alias: text(e.envName),
    status: statusOf(e.status),
    production: e.production === true,
    namespace: text(e.namespace),
    cluster_id: text(e.cluster_id),
    update_by: text(e.update_by),
    update_time: typeof e.update_time === 'number' ? e.update_time : null
  }))
  const kind = production ? 'production environments' : 'test environments'
  deps.log.info(`${envs.length} ${kind} in project ${project}`)
  return { result: 'success' }
}
