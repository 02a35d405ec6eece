// operation: scale-service — sets a service's replicas and follows the pods until
// as many are ready (docs/zadigx-api.md#env-scale).
import type { LiveWorkload } from '../zadig/env-types.js'
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
 * operation: scale-service — scales the service's Deployment or StatefulSet to
 * `replicas` (0 stops it). Without the live view (before Zadig v2.2) the
 * workload is taken to be a Deployment named after the service.
 */
export const scaleServiceOperation = defineOperation({
  name: 'scale-service',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'service', 'replicas'],
  passes: passes.whenStartedOrFollowed,
  run: scaleService
})

async function scaleService(
  deps: DepsOf<'project' | 'env' | 'service' | 'replicas'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { service, replicas } = deps.inputs
  const address = beginEnv(deps, state)
  requireService(await readBefore(deps, state, address), service)
  const live = await showsPods(deps, address, service)
  const workload = live
    ? pickWorkload(
        (await deps.client.environments.service(address, service)).scales,
        service
      )
    : { name: service, type: 'Deployment' }
  if (!live)
    deps.log.info(
      `This ZadigX version does not show workloads: scaling Deployment ${service}, and ZadigX v1.7 answers success even when it fails`
    )
  return rollOut(
    deps,
    state,
    () =>
      deps.client.environments.scale({
        project_key: address.projectKey,
        env_key: address.envKey,
        service_name: service,
        workload_name: workload.name,
        workload_type:
          workload.type === 'StatefulSet' ? 'StatefulSet' : 'Deployment',
        target_replicas: replicas
      }),
    { goal: 'apply', expected: [{ service, replicas }], live }
  )
}

function pickWorkload(
  scales: LiveWorkload[] | null | undefined,
  service: string
): { name: string; type: string } {
  const found = (scales ?? []).filter(w =>
    ['deployment', 'statefulset'].includes(String(w?.type).toLowerCase())
  )
  if (found.length !== 1)
    throw new Error(
      `service: "${service}" has ${found.length} Deployments or StatefulSets; scale-service scales a service with exactly one`
    )
  const w = found[0]!
  const type =
    w.type.toLowerCase() === 'statefulset' ? 'StatefulSet' : 'Deployment'
  return { name: w.name, type }
}
