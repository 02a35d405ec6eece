// operation: trigger — start a custom workflow task and (by default) follow it to its end.
import { errorMessage, untrusted } from '../log.js'
import type {
  CodeHost,
  Registry,
  TriggerRequest,
  WorkflowDetail
} from '../zadig/types.js'
import { applyGitHubRef, describeEventRef } from '../github/refs.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { defineOperation, passes, type InputsOf } from './define.js'
import { followTask } from '../follow/task.js'
import { withFreestyleRepos } from './freestyle-repos.js'
import { workflowProblem } from './workflow-check.js'
import { buildTriggerRequest } from './trigger-request.js'
import type { PlannedJob, TriggerPlan } from './trigger-request.js'
import { isAtLeast } from '../zadig/server-version.js'
import { sendTrigger } from './trigger-send.js'
import { fingerprintOf } from './trigger-fingerprint.js'
import { RECENT_PAGE } from '../follow/run-history.js'

/**
 * The registry as the server compares it: `address/namespace` exactly as stored, even
 * with a trailing slash or an empty namespace (docs/zadigx-api.md#job-inputs).
 */
function registryInput(registry: Registry): string {
  return `${registry.address}/${registry.namespace}`
}

type TriggerInputs = InputsOf<
  'project' | 'workflow',
  'jobInputs' | 'parameters'
>

/** operation: trigger — starts a task of a custom workflow; follows it unless `wait: false`. */
export const trigger = defineOperation({
  name: 'trigger',
  workflowTypes: ['custom'],
  needs: ['project', 'workflow'],
  reads: ['jobInputs', 'parameters'],
  passes: passes.whenStartedOrFollowed,
  run: triggerTask
})

async function triggerTask(
  deps: OperationDeps<TriggerInputs>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const detail = await readWorkflow(deps)
  state.workflowName = detail.workflow_name
  let registries: Promise<Registry[]> | undefined
  const plan = await buildTriggerRequest({
    projectKey: inputs.project,
    detail,
    jobInputs: inputs.jobInputs,
    parameters: inputs.parameters,
    unlistedJobs: inputs.unlistedJobs,
    registryAddress: async id => {
      registries ??= client.system.registries()
      const found = (await registries).find(r => r.registry_id === id)
      return found ? registryInput(found) : undefined
    }
  })
  for (const warning of plan.warnings) log.warning(warning)
  const jobs = await withoutRefusedApprovals(deps, plan)
  const codeHosts = codeHostsOnce(deps)
  const kept = await withFreestyleRepos(
    {
      ...plan.request,
      inputs: plan.request.inputs.filter(i =>
        jobs.some(j => j.name === i.job_name)
      )
    },
    detail,
    name => inputs.jobInputs?.find(j => j.job_name === name)?.parameters,
    codeHosts
  )
  for (const note of kept.notes) log.warning(note)
  const request = await withGitHubRef(deps, detail, kept.request, codeHosts)
  const jobList = jobs.map(j => `${j.name} (${j.source})`).join(', ')
  log.info(
    `Triggering workflow ${untrusted(detail.workflow_name)} (${inputs.workflow}) in project ${inputs.project}; jobs: ${untrusted(jobList) || 'none'}`
  )
  state.recentTasks = await client.tasks
    .list(inputs.project, inputs.workflow, 1, RECENT_PAGE, deps.signal)
    .then(page => page.workflow_tasks)
    .catch(() => undefined)
  const sent = await sendTrigger(deps, state, {
    post: signal => client.tasks.trigger(request, signal),
    sent: fingerprintOf(request),
    // Also the history the poller learns from.
    recent: state.recentTasks
  })
  if ('stopped' in sent) return sent.stopped
  const { taskId } = sent
  const ref = deps.kind.task(inputs.workflow, taskId, detail.workflow_name)
  state.taskId = taskId
  state.taskUrl = ref.url
  log.info(`Task #${taskId} created: ${state.taskUrl}`)
  if (!inputs.wait) {
    // Not followed: a later cancel of the job leaves this task alone.
    deps.track?.({ workflowKey: inputs.workflow, taskId, done: true })
    // One read, so that `status` says where the task is (created, queued, running).
    state.task = await ref.read({ signal: deps.signal }).catch(() => state.task)
    return {
      result: 'running',
      message: `Task #${taskId} started; not waiting for it (wait: false).`
    }
  }
  const outcome = await followTask(deps, state, ref, { createdHere: true })
  warnIfParametersIgnored(deps, state, request.parameters)
  return outcome
}

// The definition, once the project's list shows that the project holds the workflow.
// Both are read at once; a list that cannot be read does not stop the trigger.
async function readWorkflow(
  deps: OperationDeps<TriggerInputs>
): Promise<WorkflowDetail> {
  const { inputs, client, log } = deps
  const listed = client.workflows.list(inputs.project).then(
    list => workflowProblem(inputs.project, inputs.workflow, list.workflows),
    (err: unknown) => {
      log.debug(`Could not list the project's workflows: ${errorMessage(err)}`)
      return null
    }
  )
  const detail = client.workflows.detail(inputs.project, inputs.workflow).then(
    value => ({ value }),
    (error: unknown) => ({ error })
  )
  const problem = await listed
  if (problem) throw new Error(problem)
  const read = await detail
  if ('error' in read) throw read.error
  return read.value
}

// Zadig v3.1 .. v4.0 refuse the whole trigger when `inputs` lists an approval job
// (they have no input updater for it); leaving it out is the only way to start the
// workflow there, and its gate then does not run (docs/zadigx-api.md#job-inputs).
async function withoutRefusedApprovals(
  deps: OperationDeps<TriggerInputs>,
  plan: TriggerPlan
): Promise<PlannedJob[]> {
  const approvals = plan.jobs.filter(j => j.type === 'approval')
  if (approvals.length === 0) return plan.jobs
  const { inputs, client, log } = deps
  const generation = await client.system.generation(
    inputs.project,
    inputs.workflow
  )
  if (isAtLeast(generation, 'v4.1')) return plan.jobs
  const names = approvals.map(j => untrusted(j.name)).join(', ')
  log.warning(
    `This ZadigX server (Zadig v3.1 .. v4.0) refuses a trigger that lists an approval job, so ${names} is left out: the approval gate will not run for this task. Zadig v4.1 and later keep it.`
  )
  return plan.jobs.filter(j => j.type !== 'approval')
}

// The code host list, read once and only when a job needs it (the aliases that
// `repo_info` must name); a failure is a warning, not the end of the trigger.
function codeHostsOnce(
  deps: OperationDeps
): () => Promise<CodeHost[] | undefined> {
  let hosts: Promise<CodeHost[] | undefined> | undefined
  return () =>
    (hosts ??= deps.client.system.codeHosts().catch((err: unknown) => {
      deps.log.warning(
        `Could not list ZadigX code hosts to match repositories (${errorMessage(err)})`
      )
      return undefined
    }))
}

// use-github-ref: the event's branch, pull request or tag goes into the repos that are
// this GitHub repository; what the user wrote in `inputs` wins (src/github/refs.ts).
async function withGitHubRef(
  deps: OperationDeps<TriggerInputs>,
  detail: WorkflowDetail,
  request: TriggerRequest,
  codeHosts: () => Promise<CodeHost[] | undefined>
): Promise<TriggerRequest> {
  const { inputs, log, github } = deps
  if (!inputs.useGithubRef || !github) return request
  const applied = applyGitHubRef(
    request,
    detail,
    github,
    inputs.jobInputs,
    await codeHosts()
  )
  log.info(`use-github-ref: ${describeEventRef(github)}`)
  for (const note of applied.notes) log.info(`  ${untrusted(note)}`)
  return applied.request
}

// ZadigX v1.7 and Zadig before v3.1 accept `parameters` in the body but ignore it.
// The task detail echoes the values the run used, which tells whether they were applied.
function warnIfParametersIgnored(
  deps: OperationDeps,
  state: OperationState,
  sent: { name: string; value: string }[] | undefined
): void {
  const used = state.task?.params
  if (!sent || !used) return
  const ignored = sent.filter(p => {
    const param = used.find(u => u.name === p.name)
    return param !== undefined && param.value !== p.value
  })
  if (ignored.length > 0)
    deps.log.warning(
      `The server ignored parameters ${ignored.map(p => p.name).join(', ')}: ZadigX v1.7 and Zadig before v3.1 do not accept workflow parameters through the OpenAPI. Pass values through job inputs (build variables or freestyle kv) instead.`
    )
}
