// operation: create-service — a new k8s YAML service template in the project (test, or
// with production: true a production one) (docs/zadigx-api.md#service-write).
import { isNotFound } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/**
 * operation: create-service — `data`: `{service_name, created}`. A name the
 * project already holds is refused before any write, as the server would refuse
 * it: update-service replaces a template.
 */
export const createServiceOperation = defineOperation({
  name: 'create-service',
  workflowTypes: ['custom'],
  needs: ['project', 'service', 'definition'],
  passes: passes.onSuccess,
  run: createService
})

async function createService(
  deps: DepsOf<'project' | 'service' | 'definition'>,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, service, definition, production } = deps.inputs
  state.projectKey = project
  state.data = { service_name: service, created: false }
  if (await exists(deps)) return alreadyThere(project, service)
  try {
    await deps.client.services.create(project, service, definition, production)
  } catch (err) {
    // Created by someone else between the read and the write (#service-write).
    if (isAlreadyExists(err)) return alreadyThere(project, service)
    throw err
  }
  state.data = { service_name: service, created: true }
  const kind = production ? 'production service' : 'service'
  deps.log.info(`Created ${kind} ${service} in project ${project}`)
  return { result: 'success' }
}

async function exists(deps: DepsOf<'project' | 'service'>): Promise<boolean> {
  const { project, service, production } = deps.inputs
  try {
    await deps.client.services.get(project, service, production)
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}

function alreadyThere(project: string, service: string): OperationOutcome {
  return {
    result: 'failure',
    message: `Service ${service} already exists in project ${project}: nothing was changed. Use operation: update-service to replace its YAML.`
  }
}

// The server's own refusal of a taken name, a plain error (#service-write).
function isAlreadyExists(err: unknown): boolean {
  const description = (err as { description?: unknown })?.description
  return typeof description === 'string' && /already exists/.test(description)
}
