// Per-job-type trigger input updaters (docs/zadigx-api.md#trigger-task; v1.18 getInputUpdater and
// HEAD GetInputUpdater). Each mutates a copy of the stored job spec.
import { moreUpdater } from './inputs-more.js'
import { objects } from './model.js'
import type { Profile } from './profiles.js'
import type { SimCodeHost } from './system.js'
import type { OpenAPIRegistry } from './wire.js'

/** What updaters resolve against. */
export interface InputContext {
  profile: Profile
  registries: OpenAPIRegistry[]
  codeHosts: SimCodeHost[]
}

/** An updater failure: the inner error that the trigger wraps (docs/zadigx-api.md#error-shapes). */
export class InputError extends Error {}

type Obj = Record<string, unknown>
type Updater = (spec: Obj, params: Obj, ctx: InputContext) => void

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** Overrides `key`/`name`-matched entries' values (KV inputs). */
function applyKv(target: Obj[], inputs: unknown, field = 'key'): void {
  for (const kv of objects(inputs)) {
    const hit = target.find(t => t[field] === kv.key)
    if (hit) hit.value = text(kv.value)
  }
}

/** Code host alias + namespace + repo name pick the repo; branch/pr/prs are copied. */
function applyRepoInfo(repos: Obj[], inputs: unknown, ctx: InputContext): void {
  for (const input of objects(inputs)) {
    const alias = text(input.codehost_name)
    const host = ctx.codeHosts.find(h => h.alias === alias)
    if (!host)
      throw new InputError(`failed to find code host with name:${alias}`)
    for (const repo of repos) {
      if (repo.codehost_id !== host.id) continue
      if (repo.repo_namespace !== input.repo_namespace) continue
      if (repo.repo_name !== input.repo_name) continue
      repo.branch = text(input.branch)
      repo.pr = typeof input.pr === 'number' ? input.pr : 0
      repo.prs = Array.isArray(input.prs) ? input.prs : []
      // Both copied as given from v4.1 (profiles.ts commitPinning).
      if (ctx.profile.commitPinning) {
        repo.enable_commit = input.enable_commit === true
        repo.commit_id = text(input.commit_id)
      }
    }
  }
}

// The builds the updater walks (profiles.ts buildSelection).
function buildOptions(spec: Obj, profile: Profile): unknown {
  if (profile.buildSelection === 'emptied') return []
  const options = spec.service_and_builds_options
  if (profile.buildSelection === 'options' && Array.isArray(options))
    return options
  return spec.service_and_builds
}

const updateBuild: Updater = (spec, params, ctx) => {
  const registry = ctx.registries.find(
    r => `${r.address}/${r.namespace}` === params.registry
  )
  if (!registry)
    throw new InputError("didn't find the specified image registry")
  spec.docker_registry_id = registry.registry_id
  const wanted = objects(params.service_list)
  const kept: Obj[] = []
  for (const build of objects(buildOptions(spec, ctx.profile))) {
    const input = wanted.find(
      w =>
        w.service_name === build.service_name &&
        w.service_module === build.service_module
    )
    if (!input) continue
    applyRepoInfo(objects(build.repos), input.repo_info, ctx)
    applyKv(objects(build.key_vals), input.inputs)
    kept.push(build)
  }
  spec.service_and_builds = kept
}

const updateDeploy: Updater = (spec, params, ctx) => {
  // Copied unconditionally: omitting env_name deploys to "" (docs/zadigx-api.md#trigger-task).
  spec.env = text(params.env_name)
  if (spec.source === 'fromjob') return
  const wanted = objects(params.service_list)
  if (ctx.profile.deployReplacesServices) {
    spec.service_and_images = wanted.map(w => ({
      service_name: text(w.service_name),
      service_module: text(w.service_module),
      image: text(w.image_name)
    }))
    return
  }
  for (const svc of objects(spec.service_and_images)) {
    const input = wanted.find(
      w =>
        w.service_name === svc.service_name &&
        w.service_module === svc.service_module
    )
    if (input) svc.image = text(input.image_name)
  }
}

const updateFreestyle: Updater = (spec, params, ctx) => {
  const properties = (spec.properties ?? {}) as Obj
  applyKv(objects(properties.envs), params.kv)
  applyRepoInfo(objects(spec.repos), params.repo_info, ctx)
}

const updatePlugin: Updater = (spec, params) => {
  const plugin = (spec.plugin ?? {}) as Obj
  applyKv(objects(plugin.inputs), params.kv, 'name')
}

const noChange: Updater = () => undefined

const UPDATERS: Record<string, Updater> = {
  'zadig-build': updateBuild,
  'zadig-deploy': updateDeploy,
  freestyle: updateFreestyle,
  plugin: updatePlugin
}

/** The updater for a stored job type, or undefined when the server has none. */
export function updaterFor(
  type: string,
  profile: Profile
): Updater | undefined {
  if (!profile.jobTypes.includes(type)) return undefined
  const more = moreUpdater(type)
  if (more)
    return (spec, params, ctx) =>
      more(spec, params, {
        presetEmptiesTargets: ctx.profile.presetEmptiesTargets,
        applyRepoInfo: (repos, inputs) => applyRepoInfo(repos, inputs, ctx)
      })
  return UPDATERS[type] ?? noChange
}
