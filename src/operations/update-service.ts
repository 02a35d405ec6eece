// operation: update-service — replaces the YAML of an existing service template and
// names the environments that still run the old one (docs/zadigx-api.md#service-write).
import { isNotFound } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

type Deps = DepsOf<'project' | 'service' | 'definition'>

/**
 * operation: update-service — `data`: `{service_name, updated, environments}`:
 * `updated` is false when the template already held this YAML (nothing sent);
 * `environments` lists the environments of the same kind (test or production)
 * that hold the service, null when they could not be read.
 */
export const updateServiceOperation = defineOperation({
  name: 'update-service',
  workflowTypes: ['custom'],
  needs: ['project', 'service', 'definition'],
  passes: passes.onSuccess,
  run: updateService
})

async function updateService(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, service, definition, production } = deps.inputs
  state.projectKey = project
  state.data = { service_name: service, updated: false, environments: null }
  const stored = await storedYaml(deps)
  if (stored === undefined) {
    return {
      result: 'failure',
      message: `Service ${service} does not exist in project ${project}: nothing was changed. Use operation: create-service to create it.`
    }
  }
  if (stored === definition) {
    const message = `Service ${service} already has this YAML: nothing was sent`
    deps.log.info(message)
    state.data = { service_name: service, updated: false, environments: null }
    return { result: 'success', message }
  }
  await deps.client.services.update(project, service, definition, production)
  deps.log.info(`Updated the YAML of service ${service} in project ${project}`)
  const environments = await environmentsWith(deps)
  state.data = { service_name: service, updated: true, environments }
  const message = redeployNote(service, environments)
  if (message) deps.log.info(message)
  return message ? { result: 'success', message } : { result: 'success' }
}

async function storedYaml(deps: Deps): Promise<string | undefined> {
  const { project, service, production } = deps.inputs
  try {
    const t = await deps.client.services.get(project, service, production)
    return typeof t.yaml === 'string' ? t.yaml : ''
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

// A template change reaches an environment only when it is updated, unless the
// project deploys template changes by itself (#service-write). One list and one
// detail per environment; a failure here does not undo the update.
async function environmentsWith(deps: Deps): Promise<string[] | null> {
  const { project, service, production } = deps.inputs
  try {
    const envs = await deps.client.environments.list(project, production)
    const found: string[] = []
    for (const e of envs) {
      if (typeof e?.env_key !== 'string') continue
      const detail = await deps.client.environments.detail({
        projectKey: project,
        envKey: e.env_key,
        production
      })
      const names = (detail.services ?? []).map(s => s?.service_name)
      if (names.includes(service)) found.push(e.env_key)
    }
    return found
  } catch (err) {
    deps.log.warning(
      `Could not read which environments hold ${service}: ${(err as Error).message}`
    )
    return null
  }
}

function redeployNote(
  service: string,
  environments: string[] | null
): string | undefined {
  if (environments === null || environments.length === 0) return undefined
  return `Environments ${environments.join(', ')} run ${service} from the previous YAML until they are updated (operation: update-env-services), unless the project deploys template changes automatically`
}
