// operation: list-registries — the image registries ZadigX knows, for the
// `registry` of a build job's inputs (docs/zadigx-api.md#list-registries).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** One registry as `data` lists it (the server blanks credentials). */
export interface ListedRegistry {
  registry_id: string
  address: string
  namespace: string
  provider?: string
  is_default?: boolean
}

/**
 * operation: list-registries — every image registry of the server; a build
 * job's `registry` input is `address/namespace` exactly as listed.
 * `data`: `[{registry_id, address, namespace, provider, is_default}]`.
 */
export const listRegistries = defineOperation({
  name: 'list-registries',
  workflowTypes: ['custom'],
  needs: [],
  passes: passes.onSuccess,
  run: listAll
})

async function listAll(
  deps: DepsOf<never>,
  state: OperationState
): Promise<OperationOutcome> {
  const registries = await deps.client.system.registries()
  state.data = registries.map((r): ListedRegistry => ({
    registry_id: r.registry_id,
    address: r.address,
    namespace: r.namespace,
    provider: r.provider,
    is_default: r.is_default
  }))
  deps.log.info(`${registries.length} image registries`)
  return { result: 'success' }
}
