// operation: get-service — one service template: its YAML, containers and
// variables (docs/zadigx-api.md#service-templates).
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * operation: get-service — `data`: `{service_name, source, type, template_name,
 * created_by, created_time, yaml, containers, variables: [{key, value}]}`.
 */
export const getServiceOperation = defineOperation({
  name: 'get-service',
  workflowTypes: ['custom'],
  needs: ['project', 'service'],
  passes: passes.onSuccess,
  run: getService
})

async function getService(
  deps: DepsOf<'project' | 'service'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, service, production } = deps.inputs
  const s = await deps.client.services.get(project, service, production)
  const variables = Array.isArray(s.service_variable_kvs)
    ? s.service_variable_kvs
    : []
  state.data = {
    service_name: text(s.service_name),
    source: text(s.source),
    type: text(s.type),
    template_name: text(s.template_name),
    created_by: text(s.created_by),
    created_time: typeof s.created_time === 'number' ? s.created_time : null,
    yaml: text(s.yaml),
    containers: (Array.isArray(s.containers) ? s.containers : []).map(c => ({
      name: text(c?.name),
      image: text(c?.image)
    })),
    variables: variables.map(v => ({ key: text(v?.key), value: v?.value }))
  }
  deps.log.info(`Service ${service}: ${variables.length} variables`)
  return { result: 'success' }
}
