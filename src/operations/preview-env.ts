// operation: preview-env — one test environment per pull request: created like
// `base-env` when the PR opens, its services redeployed on each push, deleted when
// it closes (docs/zadigx-api.md#env-create, #env-update-services, #env-delete).
// A share-env sub-environment of base-env where the server offers one, else a full
// copy (preview-copy.ts).
import { isNotFound, ZadigApiError } from '../zadig/errors.js'
import type { EnvAddress } from '../zadig/api/environments.js'
import { ENV_FEATURE_SINCE, needsVersion } from '../zadig/server-version.js'
import type { OperationOutcome, OperationState } from './context.js'
import { createBody } from './create-env.js'
import { planCopy } from './preview-copy.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import {
  imageWorkloads,
  kindOf,
  matchImages,
  withImages
} from './env-images.js'
import {
  beginEnv,
  envExists,
  followToEnd,
  readBefore,
  requireService,
  rollOut,
  showsPods
} from './env-step.js'

type Deps = DepsOf<
  'project' | 'baseEnv',
  'env' | 'services' | 'variables' | 'deleteNamespace' | 'image' | 'images'
>
type EnvDeps = Deps & { inputs: Deps['inputs'] & { env: string } }

/** What the pull-request event asks for. */
type Step = 'apply' | 'delete'

const EVENTS = ['pull_request', 'pull_request_target']
const ACTIONS: Record<string, Step> = {
  opened: 'apply',
  reopened: 'apply',
  synchronize: 'apply',
  closed: 'delete'
}
// A create refused because the environment exists (#env-create).
const ENV_EXISTS = 6074

/**
 * operation: preview-env — on `pull_request` (or `pull_request_target`) events
 * only; the environment is `pr-<number>` unless `env` (holding the number) says.
 */
export const previewEnvOperation = defineOperation({
  name: 'preview-env',
  workflowTypes: ['custom'],
  needs: ['project', 'baseEnv'],
  reads: ['env', 'services', 'variables', 'deleteNamespace', 'image', 'images'],
  passes: passes.whenStartedOrFollowed,
  run: previewEnv
})

async function previewEnv(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { step, env } = planOf(deps)
  const own: EnvDeps = { ...deps, inputs: { ...deps.inputs, env } }
  const address = beginEnv(own, state)
  state.data = { env, step }
  if (step === 'delete') return removeEnv(own, state, address)
  const outcome = await applyEnv(own, state, address)
  if (outcome.result === 'success' && state.env)
    state.env.address = await addressOf(own, address, state)
  return outcome
}

/**
 * The step and the environment the event asks for; throws before any request on
 * any other event, or on an `env` that is not named for this pull request.
 */
export function planOf(deps: Deps): { step: Step; env: string } {
  const run = deps.github
  const event = run?.event || 'none'
  if (!run || !EVENTS.includes(event))
    throw new Error(
      `operation: preview-env runs on pull_request or pull_request_target events, got ${event}; nothing was sent`
    )
  const step = ACTIONS[run.action ?? '']
  if (!run.pr || !step)
    throw new Error(
      `operation: preview-env acts on pull requests opened, reopened, synchronize(d) or closed, got ${event} ${run.action || 'without an action'}; nothing was sent`
    )
  const { env, baseEnv, production } = deps.inputs
  if (production) throw new Error('preview-env: creates test environments only')
  const key = env ?? `pr-${run.pr.number}`
  // A fixed name would let one PR's close delete another PR's environment.
  if (!new RegExp(`(^|\\D)${run.pr.number}(\\D|$)`).test(key))
    throw new Error(
      `env: a preview environment is named for its pull request: expected a key holding ${run.pr.number} (such as pr-${run.pr.number}), got ${key}`
    )
  if (key === baseEnv)
    throw new Error(`env: ${key} is base-env; a preview needs its own key`)
  return { step, env: key }
}

/** Creates the environment, or updates it when it exists (or another run made it). */
async function applyEnv(
  deps: EnvDeps,
  state: OperationState,
  address: EnvAddress
): Promise<OperationOutcome> {
  if (await envExists(deps, address)) return updateEnv(deps, state, address)
  const base = await deps.client.environments.detail({
    ...address,
    envKey: deps.inputs.baseEnv
  })
  const body = createBody(deps, base)
  const images = imagesOf(deps)
  if (images.length) withImages(body, images, deps.inputs.baseEnv)
  const { copy, what } = await planCopy(deps, address, body)
  if (state.env) state.env.announced = true
  await deps.rolloutStarted?.()
  try {
    await deps.client.environments.create(address.projectKey, body)
  } catch (err) {
    if (!(err instanceof ZadigApiError && err.code === ENV_EXISTS)) throw err
    deps.log.info(
      `${address.envKey} was created meanwhile (another run?): updating it instead`
    )
    return updateEnv(deps, state, address)
  }
  // Set once the create is accepted: a raced create is an update, not this copy.
  state.data = { ...(state.data as object), copy }
  if (state.env) state.env.action = `created (${what})`
  if (!deps.inputs.wait)
    return { result: 'running', message: 'ZadigX is creating the environment' }
  const first = body.services[0]?.service_name
  return followToEnd(deps, state, {
    goal: 'apply',
    expected: body.services.map(s => ({ service: s.service_name })),
    live: first !== undefined && (await showsPods(deps, address, first))
  })
}

/** `image` and `images` together, each once. */
function imagesOf(deps: Deps): string[] {
  const { image, images } = deps.inputs
  return [...new Set([...(image ? [image] : []), ...(images ?? [])])]
}

/**
 * On a push: sets the step's images where they match (Zadig v2.2+), and
 * redeploys the services `services` names; without images, every service.
 */
async function updateEnv(
  deps: EnvDeps,
  state: OperationState,
  address: EnvAddress
): Promise<OperationOutcome> {
  const detail = await readBefore(deps, state, address)
  const images = imagesOf(deps)
  const targets = images.length
    ? matchImages(images, detail.services ?? [], address.envKey)
    : []
  const services =
    deps.inputs.services ??
    (images.length
      ? []
      : (detail.services ?? []).map(s => ({
          name: s.service_name,
          variables: []
        })))
  for (const s of services) requireService(detail, s.name)
  if (state.env) state.env.action = 'updated'
  const touched = [
    ...new Set([...services.map(s => s.name), ...targets.map(t => t.service)])
  ]
  if (touched.length === 0) return { result: 'success' }
  const live = await showsPods(deps, address, touched[0]!)
  if (targets.length && !live)
    throw new Error(
      needsVersion(
        'preview-env with image or images on an existing environment',
        ENV_FEATURE_SINCE.liveRoutes,
        'older servers have no OpenAPI route to set an image; nothing was sent'
      )
    )
  const workloads = await imageWorkloads(
    name => deps.client.environments.service(address, name),
    targets,
    address.envKey
  )
  deps.log.info(
    `Updating ${address.envKey}: ${[
      ...services.map(s => s.name),
      ...targets.map(t => `${t.service}/${t.container} to ${t.image}`)
    ].join(', ')}`
  )
  const write = async (): Promise<void> => {
    if (services.length)
      await deps.client.environments.updateServices(
        address,
        services.map(s => ({
          service_name: s.name,
          variable_kvs: s.variables.map(v => ({ key: v.key, value: v.value }))
        }))
      )
    for (const { target, workload } of workloads)
      await deps.client.environments.setImage(kindOf(workload), {
        product_name: address.projectKey,
        env_name: address.envKey,
        service_name: target.service,
        name: workload.name,
        container_name: target.container,
        image: target.image
      })
  }
  const expected = [
    ...services
      .filter(s => !targets.some(t => t.service === s.name))
      .map(s => ({ service: s.name })),
    ...targets
  ]
  return rollOut(deps, state, write, { goal: 'apply', expected, live })
}

/** Deletes the environment (and its namespace with `delete-namespace`); gone is fine. */
async function removeEnv(
  deps: EnvDeps,
  state: OperationState,
  address: EnvAddress
): Promise<OperationOutcome> {
  if (state.env) state.env.action = 'removed'
  try {
    await readBefore(deps, state, address)
  } catch (err) {
    if (!isNotFound(err)) throw err
    if (state.env) state.env.status = 'deleted'
    const message = `Environment ${address.envKey} does not exist: nothing to remove`
    deps.log.info(message)
    return { result: 'success', message }
  }
  const outcome = await rollOut(
    deps,
    state,
    () =>
      deps.client.environments.delete(address, !!deps.inputs.deleteNamespace),
    { goal: 'delete', expected: [], live: false }
  )
  if (outcome.result !== 'success') return outcome
  return {
    result: 'success',
    message: `Environment ${address.envKey} was removed`
  }
}

/** The first ingress host of the environment's services (Zadig v2.2+), as a link. */
async function addressOf(
  deps: EnvDeps,
  address: EnvAddress,
  state: OperationState
): Promise<string | undefined> {
  const names = (state.env?.after ?? []).map(s => s.name)
  if (!names[0] || !(await showsPods(deps, address, names[0]))) return undefined
  for (const name of names) {
    const live = await deps.client.environments.service(address, name)
    for (const ingress of live.ingress ?? [])
      for (const info of ingress.host_info ?? [])
        if (info.host && /^[a-z0-9.-]+(:\d+)?$/i.test(info.host))
          return `http://${info.host}`
  }
  return undefined
}
