// Builds the body of POST /openapi/workflows/custom/task (docs/zadigx-api.md#trigger-task) from
// the workflow detail and the user's `inputs` / `parameters`. The server runs
// only the jobs listed in `inputs` and silently ignores unknown names, so every
// job that should run is listed, with defaults read from its stored spec.
import type { UserJobInput } from '../inputs/types.js'
import type {
  JobInput,
  TriggerRequest,
  WorkflowDetail,
  WorkflowJob
} from '../zadig/types.js'
import { JOB_PARAMETER_KEYS, defaultJobParameters } from './job-defaults.js'
import { selectJobs } from './job-selection.js'
import type { Notes, Selected } from './job-selection.js'
import { buildWorkflowParameters } from './trigger-parameters.js'
import { quote } from '../structured.js'
import { ProblemList } from '../problems.js'

export type { UserJobInput }

/** What `buildTriggerRequest` needs. */
export interface TriggerPlanOptions {
  projectKey: string
  detail: WorkflowDetail
  /** undefined = the user gave no `inputs`: every job runs with its defaults. */
  jobInputs?: UserJobInput[]
  /** Workflow-level variables by name. */
  parameters?: Record<string, string>
  /** run: jobs not named in `jobInputs` run with defaults; skip: they do not run. */
  unlistedJobs: 'run' | 'skip'
  /** Resolves a docker_registry_id to "address/namespace"; called only when needed. */
  registryAddress(registryId: string): Promise<string | undefined>
}

/** A job the request will run, and where its parameters came from. */
export interface PlannedJob {
  name: string
  type: string
  source: 'user' | 'defaults'
}

/** The request to send, plus what the caller should log. */
export interface TriggerPlan {
  request: TriggerRequest
  warnings: string[]
  jobs: PlannedJob[]
}

/** Every reason the inputs cannot be sent, found before any request. */
export class TriggerInputError extends ProblemList {
  constructor(problems: string[]) {
    super('The trigger inputs do not fit the workflow:', problems)
    this.name = 'TriggerInputError'
  }
}

/**
 * Turns the workflow definition and the user's inputs into the trigger body.
 * Throws one `TriggerInputError` listing every problem found.
 */
export async function buildTriggerRequest(
  options: TriggerPlanOptions
): Promise<TriggerPlan> {
  const notes: Notes = { problems: [], warnings: [] }
  const selected = selectJobs(
    options.detail,
    options.jobInputs,
    options.unlistedJobs,
    notes
  )
  const inputs: JobInput[] = []
  for (const item of selected) inputs.push(await jobInput(item, options, notes))
  const parameters = buildWorkflowParameters(
    options.parameters,
    options.detail,
    notes.problems,
    notes.warnings
  )
  if (notes.problems.length > 0) throw new TriggerInputError(notes.problems)
  const request: TriggerRequest = {
    project_key: options.projectKey,
    workflow_key: options.detail.workflow_key,
    inputs
  }
  if (parameters) request.parameters = parameters
  const jobs = selected.map(({ job, user }): PlannedJob => {
    const source = user ? 'user' : 'defaults'
    return { name: job.name, type: job.type, source }
  })
  return { request, warnings: notes.warnings, jobs }
}

async function jobInput(
  { job, user }: Selected,
  options: TriggerPlanOptions,
  notes: Notes
): Promise<JobInput> {
  const given = user?.parameters ?? {}
  const defaults = defaultJobParameters(job.type, job.spec) ?? {}
  checkUserParameters(job, given, notes)
  if (job.type === 'zadig-build' && !('registry' in given)) {
    defaults['registry'] = await resolveRegistry(job, options, notes)
    const services = defaults['service_list']
    if (
      !('service_list' in given) &&
      Array.isArray(services) &&
      services.length === 0
    )
      notes.warnings.push(
        `inputs: job ${quote(job.name, { whole: true })} has no configured services; it will build nothing unless inputs lists its service_list`
      )
  }
  return {
    job_name: job.name,
    job_type: job.type,
    parameters: { ...defaults, ...given }
  }
}

async function resolveRegistry(
  job: WorkflowJob,
  options: TriggerPlanOptions,
  notes: Notes
): Promise<string> {
  const id = job.spec?.['docker_registry_id']
  const expected = `expected parameters.registry ("<address>/<namespace>") for it in inputs`
  if (typeof id !== 'string' || id === '') {
    notes.problems.push(
      `inputs: job ${quote(job.name, { whole: true })} (zadig-build) has no docker_registry_id in the workflow; ${expected}`
    )
    return ''
  }
  const address = await options.registryAddress(id)
  if (address === undefined)
    notes.problems.push(
      `inputs: job ${quote(job.name, { whole: true })} (zadig-build) uses image registry ${quote(id, { whole: true })}, which GET /openapi/system/registry does not list; ${expected}`
    )
  return address ?? ''
}

const kind = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`
}

// The server decodes each job's parameters into a typed struct (v1.18
// `IToi`, JSON) and fails the whole trigger on a value of the wrong kind.
const EXPECTED = { list: 'a list', text: 'a string' }

function checkUserParameters(
  job: WorkflowJob,
  given: Record<string, unknown>,
  notes: Notes
): void {
  const known = JOB_PARAMETER_KEYS[job.type] ?? {}
  for (const [key, value] of Object.entries(given)) {
    const at = `inputs: job ${quote(job.name, { whole: true })} parameter ${key}`
    const expected = known[key]
    if (!expected) {
      notes.warnings.push(
        `${at} is not read for ${job.type} jobs (expected: ${Object.keys(known).join(', ') || 'no parameters'}); the server ignores it`
      )
    } else if (kind(value) !== EXPECTED[expected]) {
      notes.problems.push(
        `${at}: expected ${EXPECTED[expected]}, got ${kind(value)}`
      )
    }
  }
}
