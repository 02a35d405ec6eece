// Which configured jobs a trigger runs (docs/zadigx-api.md#trigger-task): the ones the user
// names in `inputs`, plus, unless `unlisted-jobs: skip`, every other job that
// runs by default. Checked against koderover/zadig v1.18.0 (ZadigX v1.7)
// `CreateCustomWorkflowTask` and the v3.4.1 / v4.1.0 / HEAD changes.
import type { UserJobInput } from '../inputs/types.js'
import type { WorkflowDetail, WorkflowJob } from '../zadig/types.js'
import { NEEDS_USER_INPUT, isTriggerable } from './job-defaults.js'
import { quote } from '../structured.js'

/** Problems (stop the trigger) and warnings (logged) found while planning. */
export interface Notes {
  problems: string[]
  warnings: string[]
}

/** A configured job that will run, with the user's entry when named. */
export interface Selected {
  job: WorkflowJob
  user?: UserJobInput
}

/**
 * Picks the jobs to list in the trigger, in stage order, and checks that each
 * can be started and that jobs taking services from another job have it.
 */
export function selectJobs(
  detail: WorkflowDetail,
  jobInputs: UserJobInput[] | undefined,
  unlistedJobs: 'run' | 'skip',
  notes: Notes
): Selected[] {
  const configured = (detail.stages ?? []).flatMap(s => s.jobs ?? [])
  const users = matchUserInputs(jobInputs ?? [], configured, notes)
  const runUnlisted = jobInputs === undefined || unlistedJobs === 'run'
  const selected = pickJobs(configured, users, runUnlisted, notes)
  checkReferencedJobs(selected, notes)
  return selected
}

function matchUserInputs(
  given: UserJobInput[],
  configured: WorkflowJob[],
  notes: Notes
): Map<string, UserJobInput> {
  const valid = configured.map(job => job.name)
  const users = new Map<string, UserJobInput>()
  for (const input of given) {
    const job = configured.find(j => j.name === input.job_name)
    if (!job) {
      notes.problems.push(
        `inputs: job ${quote(input.job_name, { whole: true })} is not in the workflow; expected one of: ${valid.join(', ') || '(none)'}`
      )
    } else if (users.has(job.name)) {
      notes.problems.push(
        `inputs: expected each job once, got job ${quote(job.name, { whole: true })} more than once`
      )
    } else {
      users.set(job.name, input)
      if (input.job_type && input.job_type !== job.type)
        notes.warnings.push(
          `inputs: job ${quote(job.name, { whole: true })} is configured as ${job.type}, not ${input.job_type}; the server uses the configured type`
        )
    }
  }
  return users
}

// v1.18 SetPreset skips `default_not_run` jobs and never skips `force_run`
// ones; a stored `skipped` flag is left out too.
const runsByDefault = (job: WorkflowJob): boolean =>
  job.run_policy === 'force_run' ||
  (!job.skipped && job.run_policy !== 'default_not_run')

function pickJobs(
  configured: WorkflowJob[],
  users: Map<string, UserJobInput>,
  runUnlisted: boolean,
  notes: Notes
): Selected[] {
  const before = notes.problems.length
  const selected: Selected[] = []
  for (const job of configured) {
    const user = users.get(job.name)
    if (user) {
      if (admit(job, true, notes)) selected.push({ job, user })
    } else if (!runUnlisted) {
      if (job.run_policy === 'force_run')
        notes.warnings.push(
          `inputs: job ${quote(job.name, { whole: true })} has run policy force_run but is not listed; Zadig v3.4.1+ refuses to skip it ("job ${job.name} skipped, but the run policy is set to force run")`
        )
    } else if (runsByDefault(job) && admit(job, false, notes)) {
      selected.push({ job })
    }
  }
  if (selected.length === 0 && notes.problems.length === before)
    notes.problems.push(
      `inputs: expected at least one job to run, got none; name jobs to run in inputs (configured: ${configured.map(j => j.name).join(', ') || '(none)'})`
    )
  return selected
}

function admit(job: WorkflowJob, listed: boolean, notes: Notes): boolean {
  const what = `job ${quote(job.name, { whole: true })} (${job.type})`
  const fix = listed
    ? 'remove it from inputs'
    : 'set unlisted-jobs: skip and name the jobs to run in inputs'
  if (!isTriggerable(job.type)) {
    notes.problems.push(
      `inputs: ${what} cannot be started through the ZadigX OpenAPI (the server fails the whole trigger with "undefined job type of type:${job.type}"); ${fix}`
    )
    return false
  }
  if (!listed && NEEDS_USER_INPUT.has(job.type)) {
    notes.problems.push(
      `inputs: ${what} has no default parameters; expected it in inputs with its parameters, or ${fix}`
    )
    return false
  }
  if (listed && job.run_policy === 'default_not_run')
    notes.warnings.push(
      `inputs: ${what} has run policy default_not_run; ZadigX v1.7 and Zadig before v4.1 skip it even when inputs names it`
    )
  return true
}

// A deploy or test that takes its services from another job (`source:
// fromjob`) looks that job up among the listed ones; v1.18 fails the trigger
// with 6160 "get origin refered job: <job> targets failed" when it is absent.
function checkReferencedJobs(selected: Selected[], notes: Notes): void {
  const names = new Set(selected.map(({ job }) => job.name))
  for (const { job } of selected) {
    const spec = job.spec ?? {}
    if (!['zadig-deploy', 'zadig-test'].includes(job.type)) continue
    if (spec['source'] !== 'fromjob') continue
    const ref = [spec['origin_job_name'], spec['job_name']].find(
      (v): v is string => typeof v === 'string' && v !== ''
    )
    if (ref && !names.has(ref))
      notes.problems.push(
        `inputs: job ${quote(job.name, { whole: true })} takes its services from job ${quote(ref, { whole: true })} (source: fromjob); expected ${quote(ref, { whole: true })} to run too, got it left out: add it to inputs (ZadigX v1.7 fails with code 6160 otherwise)`
      )
  }
}
