// Turns the `input` of POST /openapi/workflows/product/task into the phases and
// commits of a new task (docs/zadigx-api.md#product-workflows; v1.18 OpenAPICreateProductWorkflowTask,
// PresetWorkflowArgs and CreateWorkflowTask).
import { NO_DOCUMENTS, plainError, SimHttpError, zadigError } from './errors.js'
import type {
  SimProductService,
  SimProductWorkflow
} from './product-catalog.js'
import type { PhaseName } from './product-run.js'
import type { SimCodeHost } from './system.js'
import { simulatedCommit } from './system.js'

type Obj = Record<string, unknown>

/** What a new product task runs. */
export interface ProductPlan {
  env: string
  phases: PhaseName[]
  commits: string[]
}

function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : {}
}

function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.map(obj) : []
}

function matches(svc: SimProductService, entry: Obj): boolean {
  return (
    entry.service_name === svc.serviceName &&
    entry.service_module === svc.serviceModule
  )
}

// Alias -> code host, then code host + namespace + name pick the repo (branch only).
function branchOf(
  svc: SimProductService,
  repoInfo: unknown,
  hosts: SimCodeHost[]
): string {
  let branch = svc.repo.branch
  for (const input of objects(repoInfo)) {
    const alias = String(input.codehost_name ?? '')
    const host = hosts.find(h => h.alias === alias)
    if (!host)
      throw new SimHttpError(
        plainError(`failed to find code host with name:${alias}`)
      )
    const { codehostId, namespace, name } = svc.repo
    if (host.id !== codehostId) continue
    if (input.repo_namespace === namespace && input.repo_name === name)
      branch = String(input.branch ?? '')
  }
  return branch
}

function commitOf(svc: SimProductService, branch: string): string {
  const { namespace, name, commitId } = svc.repo
  if (commitId && branch === svc.repo.branch) return commitId
  return simulatedCommit(namespace, name, branch)
}

function buildPlan(wf: SimProductWorkflow, input: Obj, hosts: SimCodeHost[]) {
  const wanted = objects(obj(input.build).service_list)
  const commits: string[] = []
  for (const svc of wf.services) {
    for (const entry of wanted.filter(e => matches(svc, e)))
      commits.push(commitOf(svc, branchOf(svc, entry.repo_info, hosts)))
  }
  const deploy = obj(input.deploy)
  if (deploy.enabled === true && deploy.source !== 'zadig')
    throw new SimHttpError(
      plainError('deploy source must be zadig when there is a build stage')
    )
  const phases: PhaseName[] =
    deploy.enabled === true ? ['build', 'deploy'] : ['build']
  return { phases: commits.length > 0 ? phases : [], commits }
}

/** Plans a task; throws SimHttpError with the server's answer when it refuses. */
export function planProductTask(
  wf: SimProductWorkflow,
  input: Obj,
  hosts: SimCodeHost[]
): ProductPlan {
  const env = String(input.target_env ?? '')
  // PresetWorkflowArgs looks the environment up first: ErrFindProduct (6068).
  if (!wf.envs.includes(env))
    throw new SimHttpError(zadigError(6068, NO_DOCUMENTS))
  let plan: { phases: PhaseName[]; commits: string[] } = {
    phases: [],
    commits: []
  }
  if (obj(input.build).enabled === true) plan = buildPlan(wf, input, hosts)
  else if (obj(input.deploy).enabled === true) {
    const wanted = objects(obj(input.deploy).service_list)
    const some = wf.services.some(s => wanted.some(e => matches(s, e)))
    plan = { phases: some ? ['deploy'] : [], commits: [] }
  }
  if (plan.phases.length === 0)
    throw new SimHttpError(zadigError(6160, '未配置工作流子任务'))
  return { env, ...plan }
}
