// The inputs of the bootstrap operations: create-project (`project-name`,
// `project-type`, `definition` as the project's setup) and create-build (`build`,
// `build-template`, `definition` as its target services) (docs/zadigx-api.md#projects, #builds).
import type { BuildTarget } from '../zadig/api/builds.js'
import { parseBuildTargets } from './build-targets.js'
import { readDefinition, type DefinitionContext } from './definition.js'
import { readKey } from './env-inputs.js'
import { readProjectName } from './names.js'
import { parseProjectSetup, type ProjectSetup } from './project-definition.js'
import { readChoice, type Problems } from './scalars.js'
import type { ActionInputs } from './types.js'

type Values = Partial<
  Pick<ActionInputs, 'projectName' | 'projectType' | 'build' | 'buildTemplate'>
>

/** The readers of the one-line bootstrap inputs. */
export const SETUP_PARSERS: Record<
  'project-name' | 'project-type' | 'build' | 'build-template',
  (text: string, context: { problems: Problems }) => Values
> = {
  'project-name': (text, { problems }) => ({
    projectName: readProjectName(text, problems)
  }),
  'project-type': (text, { problems }) => ({
    projectType: readChoice(
      'project-type',
      text.trim(),
      ['yaml', 'helm', 'loaded', 'vm'] as const,
      'yaml',
      problems
    )
  }),
  build: (text, { problems }) => ({ build: readKey('build', text, problems) }),
  'build-template': (text, { problems }) => ({
    buildTemplate: readProjectName(text, problems, 'build-template')
  })
}

/** `definition` as the operation takes it: workflow or service YAML, a project's setup, a build's targets. */
export function readDefinitionFor(
  operation: string,
  text: string,
  context: DefinitionContext,
  problems: Problems
): {
  definition?: string
  projectSetup?: ProjectSetup
  buildTargets?: BuildTarget[]
} {
  if (operation !== 'create-project' && operation !== 'create-build')
    return { definition: readDefinition(text, context, problems) }
  const read = readDefinition(text, { ...context, kind: 'document' }, problems)
  if (read === undefined) return {}
  return operation === 'create-project'
    ? { projectSetup: parseProjectSetup('definition', read, problems) }
    : { buildTargets: parseBuildTargets('definition', read, problems) }
}

/** create-project: only yaml and helm projects are created with services (#projects). */
export function checkProjectType(
  values: Pick<ActionInputs, 'projectType' | 'projectSetup'>,
  problems: Problems
): void {
  const type = values.projectType ?? 'yaml'
  if (
    values.projectSetup?.services.length &&
    type !== 'yaml' &&
    type !== 'helm'
  )
    problems.push(
      `project-type: services and envs in definition need yaml or helm (ZadigX initialises only those), got ${type}`
    )
}
