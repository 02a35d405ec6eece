// operation: deploy-image — puts an image into one container of a service in a
// test environment and follows it until the pods run it
// (docs/zadigx-api.md#env-set-image, #env-service-detail).
import { untrusted } from '../log.js'
import type { LiveService, LiveWorkload } from '../zadig/env-types.js'
import { ENV_FEATURE_SINCE, needsVersion } from '../zadig/server-version.js'
import type { OperationOutcome, OperationState } from './context.js'
import { containersOf, kindOf } from './env-images.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import {
  beginEnv,
  readBefore,
  requireService,
  rollOut,
  showsPods
} from './env-step.js'

type Deps = DepsOf<'project' | 'env' | 'service' | 'image', 'container'>

/**
 * operation: deploy-image — sets `image` on `container` (the service's only
 * container when not given) of `service`, then waits until every pod of it runs
 * the image and is ready. Outputs `previous-image`. Test environments only.
 */
export const deployImageOperation = defineOperation({
  name: 'deploy-image',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'service', 'image'],
  reads: ['container'],
  passes: passes.whenStartedOrFollowed,
  run: deployImage
})

/** The workloads to patch and the container's current image. */
interface Target {
  workloads: LiveWorkload[]
  container: string
  previous: string
}

async function deployImage(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { service, image } = deps.inputs
  // The image route has no production flag: it reaches test environments only.
  if (deps.inputs.production)
    throw new Error(
      'deploy-image: ZadigX sets images through this route in test environments only; for a production environment run update-env-services or a ZadigX workflow'
    )
  const address = beginEnv(deps, state)
  if (!(await showsPods(deps, address, service)))
    throw new Error(
      needsVersion(
        'deploy-image',
        ENV_FEATURE_SINCE.liveRoutes,
        'older servers have no OpenAPI route to set an image, nor one to see which image pods run; nothing was sent'
      )
    )
  requireService(await readBefore(deps, state, address), service)
  const live = await deps.client.environments.service(address, service)
  const target = findTarget(live, deps.inputs.container, service)
  if (state.env) state.env.previousImage = target.previous
  deps.log.info(
    `Deploying ${image} to ${service}/${target.container} in ${address.envKey} (was ${untrusted(target.previous) || 'unknown'})`
  )
  return rollOut(
    deps,
    state,
    async () => {
      for (const w of target.workloads)
        await deps.client.environments.setImage(kindOf(w), {
          product_name: address.projectKey,
          env_name: address.envKey,
          service_name: service,
          name: w.name,
          container_name: target.container,
          image
        })
    },
    {
      goal: 'apply',
      expected: [{ service, image, container: target.container }],
      live: true
    }
  )
}

function findTarget(
  live: LiveService,
  container: string | undefined,
  service: string
): Target {
  const workloads = (Array.isArray(live.scales) ? live.scales : []).filter(w =>
    ['deployment', 'statefulset'].includes(String(w?.type).toLowerCase())
  )
  const names = [
    ...new Set(workloads.flatMap(w => containersOf(w).map(c => c.name)))
  ]
  if (workloads.length === 0)
    throw new Error(
      `service: "${service}" has no Deployment or StatefulSet in this environment to set an image on`
    )
  const chosen = container ?? (names.length === 1 ? names[0] : undefined)
  if (!chosen)
    throw new Error(
      `container: service "${service}" has ${names.length} containers (${names.map(n => untrusted(n)).join(', ')}); name the one to update`
    )
  const holding = workloads.filter(w =>
    containersOf(w).some(c => c.name === chosen)
  )
  if (holding.length === 0)
    throw new Error(
      `container: expected one of ${names.map(n => untrusted(n)).join(', ')} for service "${service}", got "${chosen}"`
    )
  const previous =
    containersOf(holding[0]!).find(c => c.name === chosen)?.image ?? ''
  return { workloads: holding, container: chosen, previous }
}
