// operation: update-env-variables — sets global variables of an environment. The
// whole list is read, merged and written, because ZadigX v1.7 merges what it is
// sent and Zadig v3.1+ replaces the list with it (docs/zadigx-api.md#env-variables).
import type { EnvVariable } from '../zadig/env-types.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { beginEnv, readBefore, rollOut, showsPods } from './env-step.js'

/**
 * operation: update-env-variables — `variables` is a map of name to value; the
 * services that use a changed variable are redeployed and followed.
 */
export const updateEnvVariablesOperation = defineOperation({
  name: 'update-env-variables',
  workflowTypes: ['custom'],
  needs: ['project', 'env', 'variables'],
  passes: passes.whenStartedOrFollowed,
  run: updateEnvVariables
})

async function updateEnvVariables(
  deps: DepsOf<'project' | 'env' | 'variables'>,
  state: OperationState
): Promise<OperationOutcome> {
  const address = beginEnv(deps, state)
  await readBefore(deps, state, address)
  const current = await deps.client.environments.variables(address)
  const { merged, changed } = mergeVariables(current, deps.inputs.variables)
  if (changed.length === 0) {
    const message =
      'Every variable already has the value given: nothing to change'
    deps.log.info(message)
    return { result: 'success', message }
  }
  deps.log.info(
    `Setting ${changed.map(v => v.key).join(', ')} in ${address.envKey}`
  )
  const affected = [...new Set(changed.flatMap(v => v.related_services ?? []))]
  const live =
    affected.length > 0 && (await showsPods(deps, address, affected[0]!))
  return rollOut(
    deps,
    state,
    () => deps.client.environments.setVariables(address, merged),
    {
      goal: 'apply',
      expected: affected.map(service => ({ service })),
      live
    }
  )
}

/** The whole list to write (current values, the given ones over them, new ones last) and what changes. */
export function mergeVariables(
  current: EnvVariable[],
  given: { key: string; value: string }[]
): { merged: { key: string; value: string }[]; changed: EnvVariable[] } {
  const byKey = new Map(given.map(v => [v.key, v.value]))
  const known = new Set(current.map(v => v.key))
  const changed: EnvVariable[] = []
  const merged = current.map(v => {
    const value = byKey.get(v.key)
    if (value === undefined || value === v.value)
      return { key: v.key, value: v.value }
    changed.push(v)
    return { key: v.key, value }
  })
  for (const v of given)
    if (!known.has(v.key)) {
      merged.push(v)
      changed.push({ key: v.key, value: v.value })
    }
  return { merged, changed }
}
