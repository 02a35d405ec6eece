// operation: create-env — creates a test environment like `base-env` (its cluster,
// registry and services with their images) and follows it until its services are
// healthy (docs/zadigx-api.md#env-create).
import type { CreateEnvRequest, EnvDetail } from '../zadig/env-types.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { beginEnv, envExists, followToEnd, showsPods } from './env-step.js'

type Deps = DepsOf<'project' | 'env' | 'baseEnv', 'services' | 'variables'>

/**
 * operation: create-env — `services` picks (and sets variables of) the services
 * to deploy, all of base-env's by default; `variables` sets global variables.
 * An environment that already exists is left alone and fails the step.
 */
export const createEnvOperation = defineOperation({
  name: 'create-env',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'baseEnv'],
  reads: ['services', 'variables'],
  passes: passes.whenStartedOrFollowed,
  run: createEnv
})

async function createEnv(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, env, baseEnv } = deps.inputs
  // The production create route makes an empty environment (#env-create).
  if (deps.inputs.production)
    throw new Error(
      'create-env: creates test environments; production environments are created in ZadigX'
    )
  const address = beginEnv(deps, state)
  if (await envExists(deps, address))
    throw new Error(
      `env: environment ${env} already exists in project ${project}; nothing was sent (update-env-services redeploys it)`
    )
  const base = await deps.client.environments.detail({
    ...address,
    envKey: baseEnv
  })
  const body = createBody(deps, base)
  deps.log.info(
    `Creating ${env} like ${baseEnv}: ${body.services.map(s => s.service_name).join(', ') || 'no services'}`
  )
  if (state.env) state.env.announced = true
  await deps.rolloutStarted?.()
  // Never sent twice: a lost answer is found out by the follow, not by a resend.
  await deps.client.environments.create(project, body)
  if (!deps.inputs.wait)
    return {
      result: 'running',
      message: 'ZadigX is creating the environment (wait: false)'
    }
  const first = body.services[0]?.service_name
  const live = first !== undefined && (await showsPods(deps, address, first))
  return followToEnd(deps, state, {
    goal: 'apply',
    expected: body.services.map(s => ({ service: s.service_name })),
    live
  })
}

/** The create body: `base`'s cluster, registry and services (with their images). */
export function createBody(deps: Deps, base: EnvDetail): CreateEnvRequest {
  const { project, env, baseEnv, services, variables } = deps.inputs
  const baseServices = base.services ?? []
  const picked =
    services ?? baseServices.map(s => ({ name: s.service_name, variables: [] }))
  const names = baseServices.map(s => s.service_name)
  const unknown = picked.filter(s => !names.includes(s.name))
  if (unknown.length)
    throw new Error(
      `services: ${unknown.map(s => `"${s.name}"`).join(', ')} not in ${baseEnv} (it has ${names.join(', ') || 'none'})`
    )
  if (!base.cluster_id || !base.registry_id)
    throw new Error(
      `base-env: ZadigX did not say which cluster and registry ${baseEnv} uses`
    )
  return {
    env_key: env,
    cluster_id: base.cluster_id,
    // Zadig's own default namespace (koderover/zadig@v1.18.0 models/product.go:185).
    namespace: `${project}-env-${env}`,
    registry_id: base.registry_id,
    services: picked.map(s => ({
      service_name: s.name,
      containers: (
        baseServices.find(b => b.service_name === s.name)?.containers ?? []
      ).map(c => ({
        name: c.name,
        image: c.image
      })),
      variable_kvs: s.variables.map(v => ({ ...v, use_global_variable: false }))
    })),
    global_variables: variables ?? []
  }
}
