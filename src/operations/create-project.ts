// operation: create-project — a new project, empty, or with its services and
// test environments; the environments are created after ZadigX answers, so each
// is followed and reported as it finishes (docs/zadigx-api.md#projects).
import { untrusted } from '../log.js'
import type { QualityReport } from '../quality-summary.js'
import { forOneLine } from '../server-text.js'
import type { ProjectSetup } from '../inputs/project-definition.js'
import type {
  InitProjectRequest,
  ProjectBasics
} from '../zadig/api/projects.js'
import { isNotFound, ZadigApiError } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { followEnvs, type EnvEnd } from './project-envs.js'
import { isLostAnswer } from './trigger-recovery.js'

type Deps = DepsOf<'project', 'projectName' | 'projectType' | 'projectSetup'>

/** What `data` shows: the project, whether this step created it, its environments. */
export interface ProjectData {
  project_key: string
  project_name: string
  project_type: string
  created: boolean
  services: string[]
  envs: EnvEnd[]
}

/**
 * operation: create-project — refuses a project that exists before sending
 * anything; `definition` (services, envs) makes an initialised yaml or helm project.
 */
export const createProjectOperation = defineOperation({
  name: 'create-project',
  workflowTypes: ['custom'],
  needs: ['project'],
  reads: ['projectName', 'projectType', 'projectSetup'],
  passes: passes.whenStartedOrFollowed,
  run: createProject
})

async function createProject(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, projectSetup: setup } = deps.inputs
  const type = deps.inputs.projectType ?? 'yaml'
  const data: ProjectData = {
    project_key: project,
    project_name: deps.inputs.projectName || project,
    project_type: type,
    created: false,
    services: setup?.services.map(s => s.name) ?? [],
    envs: []
  }
  state.projectKey = project
  state.data = data
  const initialised = (setup?.services.length ?? 0) > 0
  // getInputs refused services with another type (operation-inputs.ts).
  if (initialised && type !== 'yaml' && type !== 'helm')
    throw new Error(`project-type: ${type} projects take no services`)
  if (await exists(deps)) return alreadyThere(project)
  const basics: ProjectBasics = {
    project_name: data.project_name,
    project_key: project,
    is_public: setup?.public ?? false,
    description: setup?.description ?? ''
  }
  const sent = await send(deps, () =>
    initialised && setup
      ? deps.client.projects.initialize(
          type as 'yaml' | 'helm',
          initBody(basics, setup)
        )
      : deps.client.projects.create({ ...basics, project_type: type })
  )
  if (sent !== 'created') {
    if (sent.result !== 'partly') return sent
    data.created = true
    return { result: 'failure', message: sent.message }
  }
  data.created = true
  deps.log.info(
    `Created ${type} project ${project}${initialised ? ` with ${data.services.join(', ')}` : ''}`
  )
  const envs = setup?.envs ?? []
  if (envs.length === 0) return { result: 'success' }
  data.envs = envs.map(e => ({ env_key: e.key, status: 'creating' }))
  state.quality = envTable(project, data.envs)
  if (!deps.inputs.wait)
    return {
      result: 'running',
      message: `ZadigX is creating ${envs.map(e => e.key).join(', ')} (wait: false)`
    }
  try {
    return await followEnvs(deps, data)
  } finally {
    state.quality = envTable(project, data.envs)
  }
}

/** The summary's table: each environment of the new project and how it ended. */
function envTable(project: string, envs: EnvEnd[]): QualityReport {
  return {
    title: `Environments of project ${project}`,
    columns: ['Environment', 'Status'],
    totals: envs.map(e => [
      e.env_key,
      e.reason ? `${e.status}: ${forOneLine(e.reason, 300)}` : e.status
    ])
  }
}

/** The init body; each environment's key is sent under both of its names (#projects). */
export function initBody(
  basics: ProjectBasics,
  setup: ProjectSetup
): InitProjectRequest {
  return {
    ...basics,
    service_list: setup.services.map(s =>
      s.template !== undefined
        ? {
            source: 'template',
            service_name: s.name,
            template_name: s.template,
            variable_yaml: s.variables,
            auto_sync: s.autoSync
          }
        : { source: 'yaml', service_name: s.name, yaml: s.yaml ?? '' }
    ),
    env_list: setup.envs.map(e => ({
      env_name: e.key,
      env_key: e.key,
      cluster_name: e.cluster,
      // Zadig's own default namespace (#env-create).
      namespace: e.namespace ?? `${basics.project_key}-env-${e.key}`
    }))
  }
}

// One POST. A lost answer is looked up with the detail route, never resent.
async function send(
  deps: Deps,
  post: () => Promise<void>
): Promise<'created' | OperationOutcome | Partly> {
  const { project } = deps.inputs
  try {
    await post()
    return 'created'
  } catch (err) {
    if (isForbidden(err)) throw needsAdmin(project)
    // Created by someone else between the look and the POST (#projects: 6060).
    if (err instanceof ZadigApiError && err.code === 6060) {
      if (await exists(deps)) return alreadyThere(project)
      throw refused(err)
    }
    if (!isLostAnswer(err)) {
      // The init route creates the project and its services before it creates the
      // environments, and answers their errors (#projects).
      if (deps.inputs.projectSetup?.services.length && (await exists(deps)))
        return {
          result: 'partly',
          message: `Created project ${project} with its services, but ${refused(err).message.replace(/^ZadigX refused to create the project/, 'ZadigX refused its environments')}`
        }
      throw refused(err)
    }
    deps.log.warning(
      `ZadigX's answer to the create was lost (${untrusted(forOneLine(err instanceof Error ? err.message : String(err)))}); looking the project up instead of sending it again`
    )
    if (await exists(deps)) return 'created'
    throw new Error(
      `project: ZadigX's answer to the create was lost and project ${project} does not exist; nothing was sent again. Run the step again to retry.`,
      { cause: err }
    )
  }
}

async function exists(deps: Deps): Promise<boolean> {
  try {
    await deps.client.projects.detail(deps.inputs.project, deps.signal)
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    // v2.2+: a project the token's user cannot see, or one that does not exist yet (#projects).
    if (isForbidden(err)) throw needsAdmin(deps.inputs.project)
    throw err
  }
}

/** The init route's answer after it created the project but not every environment. */
interface Partly {
  result: 'partly'
  message: string
}

function isForbidden(err: unknown): boolean {
  return err instanceof ZadigApiError && err.status === 403
}

function needsAdmin(project: string): Error {
  return new Error(
    `create-project needs system admin: ZadigX refused (HTTP 403) to create or show project ${project} for the token's user; on ZadigX v2.2 and later only a system admin's token may create projects`
  )
}

function refused(err: unknown): Error {
  const detail =
    err instanceof ZadigApiError
      ? (err.description ?? err.message)
      : String(err)
  return new Error(
    `ZadigX refused to create the project: ${untrusted(forOneLine(detail))}`
  )
}

function alreadyThere(project: string): OperationOutcome {
  return {
    result: 'failure',
    message: `Project ${project} already exists: nothing was sent.`
  }
}
