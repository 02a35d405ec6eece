// operation: list-services — the project's service templates (test, or with
// production: true the production ones) (docs/zadigx-api.md#service-templates).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * operation: list-services — `data`: `[{service_name, source, type, containers:
 * [{name, image}]}]`. These are templates: what runs is in get-env.
 */
export const listServicesOperation = defineOperation({
  name: 'list-services',
  workflowTypes: ['custom'],
  needs: ['project'],
  passes: passes.onSuccess,
  run: listServices
})

async function listServices(
  deps: DepsOf<'project'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, production } = deps.inputs
  const list = await deps.client.services.list(project, production)
  state.data = list.map(s => ({
    service_name: text(s?.service_name),
    source: text(s?.source),
    type: text(s?.type),
    containers: (Array.isArray(s?.containers) ? s.containers : []).map(c => ({
      name: text(c?.name),
      image: text(c?.image)
    }))
  }))
  deps.log.info(`${list.length} services in project ${project}`)
  return { result: 'success' }
}
