// Turns a trigger body into the jobs a new task runs (docs/zadigx-api.md#trigger-task; v1.18
// CreateCustomWorkflowTask; later profiles add `parameters`, skipped jobs and
// force_run, and run listed default_not_run jobs).
import type { Param } from './wire.js'
import type { SimJob, SimStage, SimWorkflow } from './catalog.js'
import { plainError, SimHttpError, zadigError } from './errors.js'
import type { InputContext } from './inputs.js'
import { InputError, updaterFor } from './inputs.js'
import { clone } from './model.js'

type Obj = Record<string, unknown>

/** A job that will run, with its spec after the trigger inputs were applied. */
export interface PlannedJob {
  job: SimJob
  stageIndex: number
  jobIndex: number
  spec: Obj
}

/** A stage with the jobs that will run in it (maybe none). */
export interface PlannedStage {
  stage: SimStage
  index: number
  jobs: PlannedJob[]
}

/** Everything a new task is built from. */
export interface TaskPlan {
  params: Param[]
  stages: PlannedStage[]
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObj) : []
}

function fail(response: ReturnType<typeof plainError>): never {
  throw new SimHttpError(response)
}

// HEAD UpdateWorkflowParam; v1.18 has no `parameters` and ignores them.
function applyParameters(
  params: Param[],
  input: unknown,
  ctx: InputContext
): void {
  for (const arg of objects(input)) {
    const name = String(arg.name ?? '')
    const value = String(arg.value ?? '')
    const param = params.find(p => p.name === name)
    if (!param) fail(plainError(`param ${name} not found in workflow`))
    if (param.type === 'choice' && !(param.choice_option ?? []).includes(value))
      fail(plainError(`invalid choice value ${value} for param ${name}`))
    if (param.type === 'repo') {
      const repo = isObj(arg.repo) ? arg.repo : {}
      const alias = String(repo.codehost_name ?? '')
      if (!ctx.codeHosts.some(h => h.alias === alias))
        fail(plainError(`failed to find code host with name:${alias}`))
      if (isObj(param.repo)) param.repo.branch = String(repo.branch ?? '')
      continue
    }
    param.value = value
  }
}

function updateSpec(job: SimJob, params: unknown, ctx: InputContext): Obj {
  const updater = updaterFor(job.type, ctx.profile)
  if (!updater) fail(plainError(`undefined job type of type:${job.type}`))
  const spec = clone(job.spec)
  try {
    updater(spec, isObj(params) ? params : {}, ctx)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    // v1.18 drops the cause; v3.4.0+ wraps it (docs/zadigx-api.md#error-shapes).
    fail(
      plainError(
        ctx.profile.wrapsJobspecError
          ? `failed to update jobspec for job: ${job.name}, err: ${err.message}`
          : 'failed to update jobspec'
      )
    )
  }
  return spec
}

// A fromjob deploy reads its services from the build job, which must run too.
function checkFromJob(stages: PlannedStage[]): void {
  const planned = stages.flatMap(s => s.jobs)
  for (const pj of planned) {
    if (pj.job.type !== 'zadig-deploy' || pj.spec.source !== 'fromjob') continue
    const ref = String(pj.spec.origin_job_name || pj.spec.job_name || '')
    if (planned.some(p => p.job.name === ref && p.job.type === 'zadig-build'))
      continue
    throw new SimHttpError(
      zadigError(
        6160,
        `get origin refered job: ${ref} targets failed, err: build job ${ref} not found`
      )
    )
  }
}

/** Applies `inputs` (and `parameters` where read); throws SimHttpError. */
export function planTask(
  wf: SimWorkflow,
  body: Obj,
  ctx: InputContext
): TaskPlan {
  const { profile } = ctx
  const params = clone(wf.params)
  if (profile.workflowParameters) applyParameters(params, body.parameters, ctx)
  const inputs = new Map<string, unknown>()
  for (const input of objects(body.inputs))
    inputs.set(String(input.job_name ?? ''), input.parameters)
  // Unlisted jobs are dropped, or kept marked skipped (then force_run is checked).
  const skipped: SimJob[] = []
  const stages = wf.stages.map((stage, index) => {
    const jobs: PlannedJob[] = []
    stage.jobs.forEach((job, jobIndex) => {
      if (!inputs.has(job.name)) return void skipped.push(job)
      const spec = updateSpec(job, inputs.get(job.name), ctx)
      // SetPreset's skip of default_not_run stays until v4.1 clears it.
      const presetSkip =
        job.runPolicy === 'default_not_run' && !profile.listedDefaultNotRunRuns
      if (!presetSkip) jobs.push({ job, stageIndex: index, jobIndex, spec })
    })
    return { stage, index, jobs }
  })
  const forced = skipped.find(j => j.runPolicy === 'force_run')
  if (profile.unlistedJobs === 'skip' && forced)
    throw new SimHttpError(
      zadigError(
        6160,
        `job ${forced.name} skipped, but the run policy is set to force run`
      )
    )
  checkFromJob(stages)
  return { params, stages }
}

/** Runs every job with its stored spec (seeded history). */
export function planEverything(wf: SimWorkflow): TaskPlan {
  const stages = wf.stages.map((stage, index) => ({
    stage,
    index,
    jobs: stage.jobs.map((job, jobIndex) => ({
      job,
      stageIndex: index,
      jobIndex,
      spec: clone(job.spec)
    }))
  }))
  return { params: clone(wf.params), stages }
}
