// Inputs whose use depends on the operation: required ones must be there,
// ignored ones give a warning, the rest are parsed and checked.
import {
  parseServices,
  parseVariables,
  readImage,
  readImages,
  readKey,
  readReplicas
} from './env-inputs.js'
import { parseJobInputs, parseParameters } from './job-inputs.js'
import { parseProductInput } from './product-input.js'
import { isRequired, isUsed } from './rules.js'
import type { OperationInput, WorkflowType } from './rules.js'
import type { DefinitionContext } from './definition.js'
import {
  SETUP_PARSERS,
  checkProjectType,
  readDefinitionFor
} from './setup-inputs.js'
import {
  checkProjectKey,
  checkNewProjectKey,
  checkReleaseVersion,
  checkViewName,
  checkWorkflowKey
} from './names.js'
import { readBoolean, readCommit, readInteger } from './scalars.js'
import type { Problems } from './scalars.js'
import type { ActionInputs } from './types.js'
import { parseViewWorkflows } from './view-workflows.js'
import { parseReleaseInput } from './release-input.js'
import { parseRegistryInput } from './registry-input.js'
import { parseScanRepos } from './scan-repos.js'
import { readPeriodBound } from './period.js'

/** The operation and workflow type the other inputs are judged against. */
export interface Scope {
  operation: string
  workflowType: WorkflowType
  /** False when the operation was not understood: then nothing is required. */
  known: boolean
}

/** Where readers report. */
export interface Findings {
  problems: Problems
  warnings: string[]
}

const WHAT_IS_NEEDED: Record<OperationInput, string> = {
  project: 'the project key',
  workflow: 'the workflow key',
  inputs: 'the jobs to run',
  parameters: 'workflow parameters',
  'task-id': 'the task id (a positive whole number)',
  approval: 'the approval to decide',
  comment: 'a comment',
  view: 'the view name',
  'view-workflows': 'the list of workflows in the view',
  commit: 'a commit SHA',
  definition:
    'the definition (YAML text or a file in the workspace): a workflow, a service, an environment config or a code scan',
  env: 'the ZadigX environment key',
  service: 'the service key',
  services: 'the services (a list of names, or a map of name to variables)',
  container: 'the container name',
  image: 'the image reference (registry/namespace/name:tag)',
  images: 'image references, one per line or a YAML/JSON list',
  variables: 'the variables to set (a map of name to value)',
  replicas: 'the number of replicas (a whole number from 0)',
  'base-env': 'the environment to create the new one like',
  'project-name': "the project's display name",
  'project-type': 'the kind of project: yaml, helm, loaded or vm',
  build: 'the build name',
  'build-template': 'the build template name',
  'release-version': 'the release version name',
  release: 'the environment and services to release',
  registry: 'the registry to add ({address, provider, namespace, …})',
  'registry-access-key': "the registry's access key",
  'registry-secret-key': "the registry's secret key",
  test: 'the test name',
  scan: 'the code scan name',
  'delete-namespace': 'true or false',
  since: 'the start of the period',
  until: 'the end of the period'
}

type OperationValues = Pick<
  ActionInputs,
  | 'project'
  | 'workflow'
  | 'jobInputs'
  | 'productInput'
  | 'parameters'
  | 'taskId'
  | 'approval'
  | 'comment'
  | 'view'
  | 'viewWorkflows'
  | 'commit'
  | 'definition'
  | 'env'
  | 'service'
  | 'services'
  | 'container'
  | 'image'
  | 'images'
  | 'variables'
  | 'replicas'
  | 'baseEnv'
  | 'projectName'
  | 'projectType'
  | 'projectSetup'
  | 'build'
  | 'buildTemplate'
  | 'buildTargets'
  | 'releaseVersion'
  | 'release'
  | 'registry'
  | 'registryAccessKey'
  | 'registrySecretKey'
  | 'test'
  | 'scan'
  | 'scanRepos'
  | 'deleteNamespace'
  | 'since'
  | 'until'
>

interface ParseContext {
  problems: Problems
  scope: Scope
  definition: DefinitionContext
}

type Parser = (text: string, context: ParseContext) => Partial<OperationValues>

const PARSERS: Record<
  Exclude<OperationInput, 'project' | 'workflow'>,
  Parser
> = {
  'task-id': (text, { problems }) => ({
    taskId: readInteger('task-id', text, { min: 1, fallback: 0 }, problems)
  }),
  inputs: (text, { problems, scope }) =>
    scope.operation === 'run-scan'
      ? { scanRepos: parseScanRepos(text, problems) }
      : scope.workflowType === 'product'
        ? { productInput: parseProductInput(text, problems) }
        : { jobInputs: parseJobInputs(text, problems) },
  parameters: (text, { problems }) => ({
    parameters: parseParameters(text, problems)
  }),
  approval: text => ({ approval: text }),
  comment: text => ({ comment: text }),
  view: (text, { problems }) => {
    checkViewName(text, problems)
    return { view: text }
  },
  'view-workflows': (text, { problems }) => ({
    viewWorkflows: parseViewWorkflows(text, problems)
  }),
  commit: (text, { problems }) => ({ commit: readCommit(text, problems) }),
  definition: (text, context) =>
    readDefinitionFor(
      context.scope.operation,
      text,
      context.definition,
      context.problems
    ),
  env: (text, { problems }) => ({ env: readKey('env', text, problems) }),
  service: (text, { problems }) => ({
    service: readKey('service', text, problems)
  }),
  services: (text, { problems }) => ({
    services: parseServices(text, problems)
  }),
  container: (text, { problems }) => ({
    container: readKey('container', text, problems)
  }),
  image: (text, { problems }) => ({ image: readImage(text, problems) }),
  images: (text, { problems }) => ({ images: readImages(text, problems) }),
  variables: (text, { problems }) => ({
    variables: parseVariables(text, problems)
  }),
  replicas: (text, { problems }) => ({
    replicas: readReplicas(text, problems)
  }),
  'base-env': (text, { problems }) => ({
    baseEnv: readKey('base-env', text, problems)
  }),
  ...SETUP_PARSERS,
  'release-version': (text, { problems }) => ({
    releaseVersion: checkReleaseVersion(text.trim(), problems)
  }),
  release: (text, { problems }) => ({
    release: parseReleaseInput(text, problems)
  }),
  registry: (text, { problems }) => ({
    registry: parseRegistryInput(text, problems)
  }),
  // Secrets: taken as given, never quoted in a message (registered in inputs.ts).
  'registry-access-key': text => ({ registryAccessKey: text }),
  'registry-secret-key': text => ({ registrySecretKey: text }),
  test: (text, { problems }) => ({ test: readKey('test', text, problems) }),
  scan: (text, { problems }) => ({ scan: readKey('scan', text, problems) }),
  'delete-namespace': (text, { problems }) => ({
    deleteNamespace: readBoolean(
      'delete-namespace',
      text.trim(),
      false,
      problems
    )
  }),
  since: (text, { problems }) => ({
    since: readPeriodBound('since', text, problems)
  }),
  until: (text, { problems }) => ({
    until: readPeriodBound('until', text, problems)
  })
}

// The operations whose `definition` is a service's YAML (src/inputs/definition.ts).
const SERVICE_DEFINITIONS = new Set(['create-service', 'update-service'])
// The operations whose `definition` is one Kubernetes object (src/inputs/env-config.ts).
const ENV_CONFIG_DEFINITIONS = new Set(['apply-env-config'])

/**
 * Reads the operation-dependent inputs. With an unknown operation every
 * given value is still checked, so one run reports every problem.
 */
export function readForOperation(
  raw: Record<OperationInput, string>,
  scope: Scope,
  workspace: string,
  findings: Findings
): OperationValues {
  const text = (name: OperationInput): string =>
    relevantText(name, raw[name], scope, findings)
  const project = text('project').trim()
  const workflow = text('workflow').trim()
  checkProjectKey(project, findings.problems)
  if (scope.operation === 'create-project')
    checkNewProjectKey(project, findings.problems)
  checkWorkflowKey(workflow, scope.workflowType, findings.problems)
  const values: OperationValues = { project, workflow }
  const context: ParseContext = {
    problems: findings.problems,
    scope,
    definition: {
      workspace,
      workflow,
      project,
      kind: definitionKind(scope.operation)
    }
  }
  for (const [name, parse] of Object.entries(PARSERS)) {
    const value = text(name as OperationInput)
    if (value.trim() === '') continue
    for (const [key, parsed] of Object.entries(parse(value, context))) {
      if (parsed !== undefined) Object.assign(values, { [key]: parsed })
    }
  }
  checkProjectType(values, findings.problems)
  return values
}

function definitionKind(operation: string): DefinitionContext['kind'] {
  if (SERVICE_DEFINITIONS.has(operation)) return 'service'
  if (operation === 'create-scan') return 'scan'
  return ENV_CONFIG_DEFINITIONS.has(operation) ? 'env-config' : 'workflow'
}

/** The input's text when the operation uses it; a warning when it does not. */
function relevantText(
  name: OperationInput,
  text: string,
  { operation, workflowType, known }: Scope,
  { problems, warnings }: Findings
): string {
  const empty = text.trim() === ''
  if (!known) return text
  if (!isUsed(name, operation, workflowType)) {
    if (!empty) {
      const type = workflowType === 'product' ? ' on product workflows' : ''
      warnings.push(`${name} is ignored by operation "${operation}"${type}`)
    }
    return ''
  }
  if (empty && isRequired(name, operation, workflowType)) {
    problems.push(
      `${name}: operation "${operation}" needs ${WHAT_IS_NEEDED[name]}, got nothing`
    )
  }
  return text
}
