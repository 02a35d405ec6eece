// operation: delete-service — deletes a service template of the project; one that
// does not exist is already deleted (docs/zadigx-api.md#service-templates).
import { isNotFound } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** operation: delete-service — `data`: `{service_name, deleted}` (false: it was not there). */
export const deleteServiceOperation = defineOperation({
  name: 'delete-service',
  workflowTypes: ['custom'],
  needs: ['project', 'service'],
  passes: passes.onSuccess,
  run: deleteService
})

async function deleteService(
  deps: DepsOf<'project' | 'service'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, service, production } = deps.inputs
  state.projectKey = project
  try {
    await deps.client.services.get(project, service, production)
  } catch (err) {
    if (!isNotFound(err)) throw err
    state.data = { service_name: service, deleted: false }
    const message = `Service ${service} does not exist: nothing to delete`
    deps.log.info(message)
    return { result: 'success', message }
  }
  await deps.client.services.delete(project, service, production)
  state.data = { service_name: service, deleted: true }
  deps.log.info(`Service ${service} deleted from project ${project}`)
  return { result: 'success' }
}
