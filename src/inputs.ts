// The action's inputs: the only place that calls core.getInput. Everything is
// read and checked before the first request; all problems come out together.
import * as core from '@actions/core'
import { readForOperation } from './inputs/operation-inputs.js'
import type { Findings, Scope } from './inputs/operation-inputs.js'
import {
  OPERATIONS,
  aliasNotes,
  canonicalOperation,
  operationsOf,
  supports
} from './inputs/rules.js'
import {
  readBoolean,
  readChoice,
  readDuration,
  readInteger,
  readToken,
  readUrl
} from './inputs/scalars.js'
import type { Problems } from './inputs/scalars.js'
import { readIntegration } from './inputs/integration.js'
import { TIMEOUT_RANGE, pollIntervalRange } from './inputs/limits.js'
import { checkSingleLine, exceptInputs } from './inputs/single-line.js'
import type { ActionInputs } from './inputs/types.js'
import { formatDuration } from './duration.js'
import { loadYaml, quote } from './structured.js'
import { ProblemList } from './problems.js'
import { registerSecret, scrub } from './secrets.js'
import { checkRegistryCredentials } from './inputs/registry-input.js'

export type { ActionInputs } from './inputs/types.js'

/** Every input declared in action.yml, in its order there. */
const INPUT_NAMES = [
  'url',
  'token',
  'operation',
  'workflow-type',
  'project',
  'workflow',
  'inputs',
  'parameters',
  'unlisted-jobs',
  'wait',
  'timeout',
  'poll-interval',
  'summary',
  'on-approval',
  'task-id',
  'approval',
  'comment',
  'view',
  'view-workflows',
  'commit',
  'definition',
  'env',
  'production',
  'service',
  'services',
  'container',
  'image',
  'images',
  'variables',
  'replicas',
  'base-env',
  'project-name',
  'project-type',
  'build',
  'build-template',
  'delete-namespace',
  'release-version',
  'release',
  'registry',
  'registry-access-key',
  'registry-secret-key',
  'test',
  'scan',
  'since',
  'until',
  'page',
  'page-size',
  'cancel-on-abort',
  'cancel-on-timeout',
  'use-github-ref',
  'commit-status',
  'status-context',
  'environment',
  'pr-comment',
  'github-token',
  'request-timeout',
  'ca-cert',
  'insecure-skip-tls-verify',
  'poll-strategy',
  'logs',
  'log-lines'
] as const

type InputName = (typeof INPUT_NAMES)[number]
type RawInputs = Record<InputName, string>

// YAML inputs keep their indentation: trimming the first line alone would
// break a block that the runner passed indented.
const STRUCTURED: InputName[] = [
  'inputs',
  'parameters',
  'view-workflows',
  'definition',
  'services',
  'variables',
  'release',
  'registry',
  'ca-cert'
]

// Inputs holding YAML/JSON text (or, for definition, naming a file of it): the
// parser is loaded only when one of them is given.
const YAML_INPUTS: InputName[] = [
  'inputs',
  'parameters',
  'view-workflows',
  'definition',
  'services',
  'variables',
  'release',
  'registry'
]

/** Invalid inputs: `problems` holds one line per input that is wrong. */
export class InputError extends ProblemList {
  constructor(problems: string[]) {
    const count =
      problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super(`Invalid action inputs (${count}):`, problems)
    this.name = 'InputError'
  }
}

/**
 * Reads and validates every input. `env` supplies the ZADIGX_URL and
 * ZADIGX_TOKEN fallbacks and GITHUB_WORKSPACE; when it is not process.env the
 * INPUT_* variables are read from it too. Throws an `InputError` listing all
 * problems; inputs the operation ignores come back as warnings.
 */
export async function getInputs(env: NodeJS.ProcessEnv = process.env): Promise<{
  inputs: ActionInputs
  warnings: string[]
}> {
  const read = inputReader(env)
  const token = read('token') || (env['ZADIGX_TOKEN'] ?? '').trim()
  registerSecret(token)
  const githubToken = read('github-token')
  registerSecret(githubToken)
  // Registry credentials: masked before anything could print them.
  registerSecret(read('registry-access-key'))
  registerSecret(read('registry-secret-key'))
  const raw = Object.fromEntries(
    INPUT_NAMES.map(name => [name, name === 'token' ? token : read(name)])
  ) as RawInputs
  if (YAML_INPUTS.some(name => raw[name].trim() !== '')) await loadYaml()
  const findings: Findings = { problems: [], warnings: [] }
  const { problems, warnings } = findings
  const lineProblems: string[] = []
  const refused = checkSingleLine(raw, lineProblems)
  const url = readUrl(raw.url || (env['ZADIGX_URL'] ?? '').trim(), problems)
  readToken(token, problems)
  const scope = readScope(raw, problems)
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd()
  const inputs: ActionInputs = {
    url,
    token,
    operation: scope.operation,
    workflowType: scope.workflowType,
    ...readGeneral(raw, url, problems),
    ...readIntegration(raw, workspace, problems),
    ...readForOperation(raw, scope, workspace, findings)
  }
  checkCombinations(inputs, scope, findings)
  warnings.push(...misnamedVariables(env))
  const all = [...lineProblems, ...exceptInputs(problems, refused)]
  if (all.length > 0) throw new InputError(all.map(scrub))
  return { inputs, warnings: warnings.map(scrub) }
}

// The runner names the variable of input `task-id` INPUT_TASK-ID (hyphen kept), which a
// shell cannot export; INPUT_TASK_ID is a different variable that nothing reads.
function misnamedVariables(env: NodeJS.ProcessEnv): string[] {
  return INPUT_NAMES.filter(name => name.includes('-')).flatMap(name => {
    const used = `INPUT_${name.toUpperCase()}`
    const misnamed = `INPUT_${name.replace(/-/g, '_').toUpperCase()}`
    if (env[misnamed] === undefined || env[used] !== undefined) return []
    return [
      `${misnamed} is set but ignored: the runner passes input ${name} as ${used} (with the hyphen). Set it under with: in the workflow, or locally with env '${used}=…' or npm start -- --${name} …`
    ]
  })
}

function inputReader(env: NodeJS.ProcessEnv): (name: InputName) => string {
  return name => {
    const options = { trimWhitespace: !STRUCTURED.includes(name) }
    if (env === process.env) return core.getInput(name, options)
    // The runner's naming: upper case, spaces to underscores, dashes kept.
    const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
    return options.trimWhitespace ? value.trim() : value
  }
}

function readScope(raw: RawInputs, problems: Problems): Scope {
  const workflowType = readChoice(
    'workflow-type',
    raw['workflow-type'],
    ['custom', 'product'] as const,
    'custom',
    problems
  )
  const text = raw.operation.toLowerCase() || 'trigger'
  if (!OPERATIONS.includes(text)) {
    problems.push(
      `operation: expected one of ${OPERATIONS.join(', ')}, got ${quote(raw.operation)}`
    )
    return { operation: 'trigger', workflowType, known: false }
  }
  const operation = canonicalOperation(text, workflowType)
  if (!supports(workflowType, operation)) {
    const aliases = aliasNotes(workflowType).join('; ')
    problems.push(
      `operation: expected one of ${operationsOf(workflowType).join(', ')}${aliases ? ` (${aliases})` : ''} with workflow-type "${workflowType}", got ${quote(raw.operation)}`
    )
  }
  return { operation, workflowType, known: true }
}

/** Inputs with an action.yml default: checked whatever the operation. */
function readGeneral(raw: RawInputs, url: string, problems: Problems) {
  return {
    unlistedJobs: readChoice(
      'unlisted-jobs',
      raw['unlisted-jobs'],
      ['run', 'skip'] as const,
      'run',
      problems
    ),
    wait: readBoolean('wait', raw.wait, true, problems),
    summary: readBoolean('summary', raw.summary, true, problems),
    production: readBoolean('production', raw.production, false, problems),
    onApproval: readChoice(
      'on-approval',
      raw['on-approval'],
      ['wait', 'exit'] as const,
      'wait',
      problems
    ),
    timeoutMs: readDuration('timeout', raw.timeout, TIMEOUT_RANGE, problems),
    pollIntervalMs: readDuration(
      'poll-interval',
      raw['poll-interval'],
      pollIntervalRange(url),
      problems
    ),
    pageNum: readInteger('page', raw.page, { min: 1, fallback: 1 }, problems),
    pageSize: readInteger(
      'page-size',
      raw['page-size'],
      { min: 1, max: 100, fallback: 20 },
      problems
    )
  }
}

/** Rules that involve more than one input. */
function checkCombinations(
  inputs: ActionInputs,
  scope: Scope,
  { problems, warnings }: Findings
): void {
  const jobsProblem = problems.some(p => p.startsWith('inputs'))
  if (
    scope.known &&
    inputs.operation === 'trigger' &&
    inputs.workflowType === 'custom' &&
    inputs.unlistedJobs === 'skip' &&
    (inputs.jobInputs?.length ?? 0) === 0 &&
    !jobsProblem
  ) {
    problems.push(
      'unlisted-jobs: "skip" runs only the jobs named in inputs, but inputs names none; name the jobs to run, or use "run"'
    )
  }
  if (scope.known && inputs.operation === 'create-registry')
    checkRegistryCredentials(inputs, problems)
  if (inputs.pollIntervalMs > inputs.timeoutMs) {
    warnings.push(
      `poll-interval (${formatDuration(inputs.pollIntervalMs)}) is longer than timeout (${formatDuration(inputs.timeoutMs)})`
    )
  }
}
