// Expands a planned job into job tasks, named per model (docs/zadigx-api.md#task-detail): v1.18
// `<service>-<module>-<job>` style, HEAD `job-<stage>-<job>-<sub>-<job>`.
import type { JobRun, StageRun } from './model.js'
import { clone, newApproval, objects } from './model.js'
import type { Profile } from './profiles.js'
import type { OpenAPIRegistry } from './wire.js'
import type { SimCodeHost } from './system.js'
import { simulatedCommit } from './system.js'
import type { SimUser } from './users.js'
import { approverRefs } from './workflow-bodies.js'
import type { PlannedJob, PlannedStage } from './trigger.js'

type Obj = Record<string, unknown>

/** What expansion needs besides the job itself. */
export interface ExpandContext {
  model: Profile
  taskId: number
  registries: OpenAPIRegistry[]
  codeHosts: SimCodeHost[]
  stages: PlannedStage[]
  /** Stage approvers are named; their uids come from here. */
  users: SimUser[]
}

// v1.18 job-task names are lower-cased, trimmed of '-' and cut to 63 characters.
function v118Name(parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
}

function jobRun(
  pj: PlannedJob,
  ctx: ExpandContext,
  sub: number,
  parts: string[],
  spec: Obj,
  jobInfo: Obj
): JobRun {
  const origin = pj.job.name
  const name = ctx.model.jobTaskKeys
    ? `job-${pj.stageIndex}-${pj.jobIndex}-${sub}-${origin}`
    : v118Name([...parts, origin])
  return {
    name,
    key: [origin, ...parts].join('.'),
    displayName: [origin, ...parts].join('-'),
    originName: origin,
    type: pj.job.type,
    status: '',
    error: '',
    spec,
    initialSpec: clone(spec),
    jobInfo,
    script: clone(pj.job.script)
  }
}

function fakeCommit(repo: Obj): string {
  const [ns, name, branch] = [repo.repo_namespace, repo.repo_name, repo.branch]
  return simulatedCommit(String(ns), String(name), String(branch))
}

function repoSummary(repo: Obj, ctx: ExpandContext): Obj {
  const host = ctx.codeHosts.find(h => h.id === repo.codehost_id)
  return {
    ...repo,
    commit_id: repo.commit_id || fakeCommit(repo),
    commit_message: `simulated commit on ${String(repo.branch)}`,
    address: host?.address ?? '',
    author_name: 'admin'
  }
}

function expandBuild(pj: PlannedJob, ctx: ExpandContext): JobRun[] {
  return objects(pj.spec.service_and_builds).map((build, i) => {
    const svc = String(build.service_name)
    const module = String(build.service_module)
    const spec: Obj = {
      repos: objects(build.repos).map(r => repoSummary(r, ctx)),
      image: '',
      ...(ctx.model.jobTaskKeys ? { package: '' } : {}),
      service_name: svc,
      service_module: module,
      envs: clone(build.key_vals ?? [])
    }
    const info = {
      job_name: pj.job.name,
      service_name: svc,
      service_module: module
    }
    const run = jobRun(pj, ctx, i, [svc, module], spec, info)
    run.imageRef = imageRef(pj, build, ctx)
    return run
  })
}

// The image a passed build pushes: <registry host>/<namespace>/<image>:<time>-<task>-<branch>.
function imageRef(pj: PlannedJob, build: Obj, ctx: ExpandContext) {
  const registry = ctx.registries.find(
    r => r.registry_id === pj.spec.docker_registry_id
  )
  const host = (registry?.address ?? '').replace(/^https?:\/\//, '')
  const repo = [
    host,
    registry?.namespace,
    build.image_name || build.service_name
  ]
    .filter(Boolean)
    .join('/')
  const branch = String(objects(build.repos)[0]?.branch ?? 'latest')
  return { repo, suffix: `${ctx.taskId}-${branch.replace(/[^\w.-]/g, '-')}` }
}

function deployTargets(pj: PlannedJob, ctx: ExpandContext): Obj[] {
  if (pj.spec.source !== 'fromjob') return objects(pj.spec.service_and_images)
  const ref = String(pj.spec.origin_job_name || pj.spec.job_name || '')
  const build = ctx.stages.flatMap(s => s.jobs).find(j => j.job.name === ref)
  return objects(build?.spec.service_and_builds).map(b => ({
    service_name: b.service_name,
    service_module: b.service_module,
    image: '',
    from: ref
  }))
}

function deploySpec(pj: PlannedJob, ctx: ExpandContext, target: Obj): Obj {
  const image = {
    service_name: target.service_name,
    service_module: target.service_module,
    image: target.image ?? ''
  }
  const common = { production: pj.spec.production ?? false }
  if (!ctx.model.jobTaskKeys)
    return {
      env: pj.spec.env,
      ...common,
      skip_check_run_status: pj.spec.skip_check_run_status ?? false,
      service_and_images: [image],
      yaml_content: '',
      user_supplied_value: '',
      variable_configs: [],
      variable_kvs: []
    }
  return {
    env: pj.spec.env,
    env_alias: '',
    ...common,
    service_type: 'k8s',
    deploy_contents: pj.spec.deploy_contents ?? ['image'],
    skip_check_run_status: pj.spec.skip_check_run_status ?? false,
    is_import_to_deploy: false,
    service_and_images: [image],
    yaml_content: '',
    user_supplied_value: '',
    variable_kvs: [],
    origin_revision: 0,
    value_merge_strategy: ''
  }
}

function expandDeploy(pj: PlannedJob, ctx: ExpandContext): JobRun[] {
  return deployTargets(pj, ctx).map((target, i) => {
    const svc = String(target.service_name)
    const info: Obj = { job_name: pj.job.name, service_name: svc }
    if (!ctx.model.jobTaskKeys) info.workload_type = 'Deployment'
    const spec = deploySpec(pj, ctx, target)
    const run = jobRun(pj, ctx, i, [svc], spec, info)
    if (typeof target.from === 'string')
      run.imageFrom = {
        jobName: target.from,
        service: svc,
        module: String(target.service_module)
      }
    return run
  })
}

function expandFreestyle(pj: PlannedJob, ctx: ExpandContext): JobRun {
  const properties = (pj.spec.properties ?? {}) as Obj
  const spec: Obj = {
    repos: objects(pj.spec.repos).map(r => repoSummary(r, ctx)),
    image: '',
    ...(ctx.model.jobTaskKeys ? { package: '' } : {}),
    service_name: '',
    service_module: '',
    envs: clone(properties.envs ?? [])
  }
  return jobRun(pj, ctx, 0, [], spec, { job_name: pj.job.name })
}

function expandApproval(pj: PlannedJob, ctx: ExpandContext): JobRun {
  const run = jobRun(pj, ctx, 0, [], clone(pj.spec), { job_name: pj.job.name })
  const native = (pj.spec.native_approval ?? {}) as Obj
  const users = objects(native.approve_users).map(u => ({
    user_id: String(u.user_id ?? ''),
    user_name: String(u.user_name ?? '')
  }))
  run.approval = newApproval(
    String(pj.spec.description ?? ''),
    Number(pj.spec.timeout ?? 0),
    Number(native.needed_approvers || 1),
    users,
    pj.job.script.autoDecide
  )
  return run
}

/** The job tasks of one planned job. */
export function expandJob(pj: PlannedJob, ctx: ExpandContext): JobRun[] {
  switch (pj.job.type) {
    case 'zadig-build':
      return expandBuild(pj, ctx)
    case 'zadig-deploy':
      return expandDeploy(pj, ctx)
    case 'freestyle':
      return [expandFreestyle(pj, ctx)]
    case 'approval':
      return [expandApproval(pj, ctx)]
    default:
      return [jobRun(pj, ctx, 0, [], clone(pj.spec), { job_name: pj.job.name })]
  }
}

/** A planned stage as a task stage: its job tasks, and a stage approval where the model has them. */
export function expandStage(ps: PlannedStage, ctx: ExpandContext): StageRun {
  const a = ps.stage.approval
  return {
    name: ps.stage.name,
    parallel: ps.stage.parallel === true,
    status: '',
    error: '',
    approvalMissing: ps.stage.approvalMissing,
    approval:
      ctx.model.stageApproval && a
        ? newApproval(
            a.description,
            a.timeoutMin ?? 0,
            a.neededApprovers ?? 1,
            approverRefs(a.users, ctx.users),
            a.autoDecide
          )
        : undefined,
    jobs: ps.jobs.flatMap(j => expandJob(j, ctx))
  }
}
