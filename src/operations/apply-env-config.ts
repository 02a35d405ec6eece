// operation: apply-env-config — creates or updates a ConfigMap, Secret, Ingress or
// PVC that ZadigX manages in an environment, from `definition`; an update restarts
// the services that use the object, and they are followed
// (docs/zadigx-api.md#env-configs).
import { envConfigOf, type EnvConfigObject } from '../inputs/env-config.js'
import type { EnvAddress } from '../zadig/api/environments.js'
import { ZadigApiError } from '../zadig/errors.js'
import type { EnvDetail } from '../zadig/env-types.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import {
  beginEnv,
  envAddress,
  readBefore,
  rollOut,
  showsPods
} from './env-step.js'
import { isLostAnswer } from './trigger-recovery.js'

type Deps = DepsOf<'project' | 'env' | 'definition'>

/** `data` of apply-env-config. */
export interface EnvConfigData {
  env_key: string
  name: string
  kind: string
  created: boolean
  updated: boolean
  services_restarted: string[]
}

/**
 * operation: apply-env-config — the object is looked up first: absent, it is
 * created (never sent twice); present, it is updated and the services using it
 * are followed until healthy.
 */
export const applyEnvConfigOperation = defineOperation({
  name: 'apply-env-config',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'definition'],
  passes: passes.whenStartedOrFollowed,
  run: applyEnvConfig
})

async function applyEnvConfig(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const object = envConfigOf(deps.inputs.definition)
  const address = beginEnv(deps, state)
  const data: EnvConfigData = {
    env_key: address.envKey,
    name: object.name,
    kind: object.kind,
    created: false,
    updated: false,
    services_restarted: []
  }
  state.data = data
  const detail = await readBefore(deps, state, address)
  if (!(await exists(deps, address, object))) {
    const created = await create(deps, address, object, data)
    if (created) return created
  }
  return update(deps, state, { address, object, detail, data })
}

async function exists(
  deps: Deps,
  address: EnvAddress,
  object: EnvConfigObject
): Promise<boolean> {
  const list = await deps.client.envConfigs.list(address, object.type)
  return list.some(c => c.name === object.name)
}

/**
 * Creates the object; undefined when the server refuses because it exists (made
 * between the look-up and the create), so the caller updates it instead.
 */
async function create(
  deps: Deps,
  address: EnvAddress,
  object: EnvConfigObject,
  data: EnvConfigData
): Promise<OperationOutcome | undefined> {
  const write = { ...object, yaml: deps.inputs.definition }
  try {
    await deps.client.envConfigs.create(address, write)
  } catch (err) {
    if (isAlreadyThere(err)) {
      deps.log.info(
        `${object.kind} ${object.name} was created meanwhile (another run?): updating it instead`
      )
      return undefined
    }
    // A lost answer is looked up, never resent (#env-configs).
    if (!isLostAnswer(err) || !(await exists(deps, address, object))) throw err
    deps.log.info(
      `The answer to the create was lost; ${object.kind} ${object.name} is there`
    )
  }
  data.created = true
  deps.log.info(
    `Created ${object.kind} ${object.name} in environment ${address.envKey} (nothing restarts on a create)`
  )
  return { result: 'success' }
}

interface UpdatePlan {
  address: EnvAddress
  object: EnvConfigObject
  detail: EnvDetail
  data: EnvConfigData
}

async function update(
  deps: Deps,
  state: OperationState,
  { address, object, detail, data }: UpdatePlan
): Promise<OperationOutcome> {
  const config = await deps.client.envConfigs.detail(
    address,
    object.type,
    object.name
  )
  const restarted = restartedBy(object, config.services ?? [], detail)
  const write = () =>
    deps.client.envConfigs.update(address, {
      ...object,
      yaml: deps.inputs.definition
    })
  deps.log.info(
    `Updating ${object.kind} ${object.name} in environment ${address.envKey}${restarted.length ? `; restarts ${restarted.join(', ')}` : '; no service restarts'}`
  )
  if (restarted.length === 0) {
    await write()
    data.updated = true
    return { result: 'success' }
  }
  const live = await showsPods(deps, address, restarted[0]!)
  const expected = []
  for (const service of restarted)
    expected.push({ service, replacedPods: await podsOf(deps, live, service) })
  return rollOut(
    deps,
    state,
    async () => {
      await write()
      data.updated = true
      data.services_restarted = restarted
    },
    { goal: 'apply', expected, live }
  )
}

/**
 * The services an update restarts (#env-configs): those using a ConfigMap (not in a
 * Helm project) or a Secret. A PVC update looks its name up among Secrets, and an
 * Ingress restarts nothing.
 */
export function restartedBy(
  object: EnvConfigObject,
  users: string[],
  detail: EnvDetail
): string[] {
  if (object.type !== 'ConfigMap' && object.type !== 'Secret') return []
  const services = detail.services ?? []
  const inEnv = users.filter(name =>
    services.some(s => s.service_name === name)
  )
  if (object.type === 'ConfigMap' && services.some(s => s.type === 'helm'))
    return []
  return [...new Set(inEnv)]
}

async function podsOf(
  deps: Deps,
  live: boolean,
  service: string
): Promise<string[]> {
  if (!live) return []
  const view = await deps.client.environments.service(
    envAddress(deps.inputs),
    service
  )
  return (view.scales ?? []).flatMap(w => (w.pods ?? []).map(p => p.name))
}

// A ConfigMap or PVC create refused because the object exists (#env-configs).
function isAlreadyThere(err: unknown): boolean {
  if (!(err instanceof ZadigApiError)) return false
  return err.code === 6095 && /already exists/.test(err.description ?? '')
}
