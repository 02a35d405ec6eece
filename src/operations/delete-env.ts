// operation: delete-env — deletes an environment and follows it until ZadigX no
// longer has it; an environment that does not exist is already deleted
// (docs/zadigx-api.md#env-delete).
import { isNotFound } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { beginEnv, readBefore, rollOut } from './env-step.js'

/** operation: delete-env — the namespace is kept (`isDelete=false`). */
export const deleteEnvOperation = defineOperation({
  name: 'delete-env',
  workflowTypes: ['custom'],
  needs: ['project', 'env'],
  passes: passes.whenStartedOrFollowed,
  run: deleteEnv
})

async function deleteEnv(
  deps: DepsOf<'project' | 'env'>,
  state: OperationState
): Promise<OperationOutcome> {
  const address = beginEnv(deps, state)
  try {
    await readBefore(deps, state, address)
  } catch (err) {
    if (!isNotFound(err)) throw err
    if (state.env) state.env.status = 'deleted'
    const message = `Environment ${address.envKey} does not exist: nothing to delete`
    deps.log.info(message)
    return { result: 'success', message }
  }
  return rollOut(deps, state, () => deps.client.environments.delete(address), {
    goal: 'delete',
    expected: [],
    live: false
  })
}
