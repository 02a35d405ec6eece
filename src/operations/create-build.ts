// operation: create-build — a build of the project made from a build template, for
// the target services that `definition` lists (docs/zadigx-api.md#builds).
import { untrusted } from '../log.js'
import { forOneLine } from '../server-text.js'
import type { BuildDetail } from '../zadig/api/builds.js'
import { isNotFound, ZadigApiError } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import { isLostAnswer } from './trigger-recovery.js'

type Deps = DepsOf<'project' | 'build' | 'buildTemplate' | 'buildTargets'>

/**
 * operation: create-build — `data`: `{build, project_key, template_name, created,
 * target_services}`. A build the project already holds fails the step before
 * anything is sent; a lost answer is looked up, never resent.
 */
export const createBuildOperation = defineOperation({
  name: 'create-build',
  workflowTypes: ['custom'],
  needs: ['project', 'build', 'buildTemplate', 'buildTargets'],
  passes: passes.onSuccess,
  run: createBuild
})

async function createBuild(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { project, build, buildTemplate, buildTargets } = deps.inputs
  const data = {
    build,
    project_key: project,
    template_name: buildTemplate,
    created: false,
    target_services: buildTargets.map(t => ({
      service_name: t.service_name,
      service_module: t.service_module
    }))
  }
  state.projectKey = project
  state.data = data
  if (await read(deps)) return alreadyThere(project, build)
  try {
    await deps.client.builds.createFromTemplate({
      name: build,
      project_key: project,
      template_name: buildTemplate,
      target_services: buildTargets
    })
  } catch (err) {
    const outcome = await afterRefusal(deps, err)
    if (outcome) return outcome
  }
  // The build as ZadigX stored it: what `data` shows.
  const stored = await read(deps)
  if (!stored)
    throw new Error(
      `build: ZadigX said it created ${build}, but project ${project} does not show it`
    )
  data.created = true
  data.target_services = (stored.target_services ?? []).map(t => ({
    service_name: String(t?.service_name ?? ''),
    service_module: String(t?.service_module ?? '')
  }))
  deps.log.info(
    `Created build ${build} in project ${project} from template ${buildTemplate}`
  )
  return { result: 'success' }
}

// Undefined when the create may have gone through (a lost answer whose build exists).
async function afterRefusal(
  deps: Deps,
  err: unknown
): Promise<OperationOutcome | undefined> {
  const { project, build, buildTemplate } = deps.inputs
  if (err instanceof ZadigApiError && err.status === 403)
    throw new Error(
      `create-build: ZadigX refused (HTTP 403): the token's user needs to be a project admin of ${project}, or have the right to create builds there, or be a system admin`,
      { cause: err }
    )
  const text = err instanceof ZadigApiError ? (err.description ?? '') : ''
  // Build names are unique across projects (#builds: 6520).
  if (err instanceof ZadigApiError && err.code === 6520) {
    if (await read(deps)) return alreadyThere(project, build)
    throw new Error(
      `build: the name ${build} is taken in another project (ZadigX build names are unique across projects): ${untrusted(forOneLine(text))}`,
      { cause: err }
    )
  }
  if (/failed to find the build template/.test(text))
    throw new Error(
      `build-template: ZadigX has no build template named ${buildTemplate} (Templates → Builds in ZadigX)`,
      { cause: err }
    )
  if (!isLostAnswer(err))
    throw new Error(
      `ZadigX refused to create the build: ${untrusted(forOneLine(text || (err instanceof Error ? err.message : String(err))))}`,
      { cause: err }
    )
  deps.log.warning(
    `ZadigX's answer to the create was lost; looking build ${build} up instead of sending it again`
  )
  if (await read(deps)) return undefined
  throw new Error(
    `build: ZadigX's answer to the create was lost and project ${project} has no build ${build}; nothing was sent again. Run the step again to retry.`,
    { cause: err }
  )
}

async function read(deps: Deps): Promise<BuildDetail | undefined> {
  try {
    return await deps.client.builds.detail(
      deps.inputs.project,
      deps.inputs.build,
      deps.signal
    )
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

function alreadyThere(project: string, build: string): OperationOutcome {
  return {
    result: 'failure',
    message: `Build ${build} already exists in project ${project}: nothing was sent.`
  }
}
