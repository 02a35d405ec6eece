// Input updaters of the job types besides build/deploy/freestyle/plugin (source-audit
// S3; notes/api-jobs-statuses.md "Per type"). Lines cite
// koderover/zadig@v1.18.0:pkg/microservice/aslan/core/workflow/service/workflow/types.go;
// v5.0.0 has the same rules at :846-1228 unless noted.
import { objects } from './model.js'

type Obj = Record<string, unknown>
type Repos = (repos: Obj[], inputs: unknown) => void

/** What these updaters need from the profile and the repo matcher. */
export interface MoreContext {
  /** v3.4.0+ SetPreset empties canary and gray-release targets before the inputs. */
  presetEmptiesTargets: boolean
  applyRepoInfo: Repos
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function kvOverride(target: Obj[], inputs: unknown, field: string): void {
  for (const kv of objects(inputs)) {
    const hit = target.find(t => t[field] === kv.key)
    if (hit) hit.value = text(kv.value)
  }
}

// :362-382 — every target replaced by the list: "<type>/<name>/<container>".
function customDeploy(spec: Obj, params: Obj): void {
  spec.targets = objects(params.target_list).map(t => ({
    target: `${text(t.workload_type)}/${text(t.workload_name)}/${text(t.container_name)}`,
    image: text(t.image_name)
  }))
}

// :459-515 — gray release and rollback keep only stored targets named in the list.
function keepNamedTargets(spec: Obj, params: Obj, setImage: boolean): void {
  const wanted = objects(params.target_list)
  const kept: Obj[] = []
  for (const target of objects(spec.targets)) {
    const input = wanted.find(w => w.workload_name === target.workload_name)
    if (!input) continue
    if (setImage) target.image = text(input.image_name)
    kept.push(target)
  }
  spec.targets = kept
}

const PATCH_KEYS = [
  'resource_name',
  'resource_kind',
  'resource_group',
  'resource_version'
]

// :517-561 — patch items equal on all four identifiers are kept, params by `name`.
function resourcePatch(spec: Obj, params: Obj): void {
  const wanted = objects(params.target_list)
  const kept: Obj[] = []
  for (const item of objects(spec.patch_items)) {
    const input = wanted.find(w => PATCH_KEYS.every(k => w[k] === item[k]))
    if (!input) continue
    kvOverride(objects(item.params), input.inputs, 'name')
    kept.push(item)
  }
  spec.patch_items = kept
}

// :295-349 — blue-green and canary set the image of targets by k8s_service_name.
function setServiceImages(spec: Obj, params: Obj): void {
  for (const input of objects(params.service_list))
    for (const target of objects(spec.targets))
      if (target.k8s_service_name === input.service_name)
        target.image = text(input.image_name)
}

// :390-446, :563-606 — tests and scans named in the list get repo (and test KV)
// overrides; unlisted modules still run (the list never filters).
function namedModules(
  spec: Obj,
  params: Obj,
  ctx: MoreContext,
  kind: 'test' | 'scan'
): void {
  const [list, listName, modules] =
    kind === 'test'
      ? ['testing_list', 'testing_name', 'test_modules']
      : ['scanning_list', 'scanning_name', 'scannings']
  for (const input of objects(params[list])) {
    const module = objects(spec[modules]).find(m => m.name === input[listName])
    if (!module) continue
    ctx.applyRepoInfo(objects(module.repos), input.repo_info)
    if (kind === 'test')
      kvOverride(objects(module.key_vals), input.inputs, 'key')
  }
}

/** The updater of `type`, if it is one of these. */
export function moreUpdater(
  type: string
): ((spec: Obj, params: Obj, ctx: MoreContext) => void) | undefined {
  switch (type) {
    case 'custom-deploy':
      return customDeploy
    case 'k8s-gray-release':
      return (spec, params, ctx) => {
        if (ctx.presetEmptiesTargets) spec.targets = []
        keepNamedTargets(spec, params, true)
      }
    case 'k8s-gray-rollback':
      return (spec, params) => keepNamedTargets(spec, params, false)
    case 'k8s-resource-patch':
      return resourcePatch
    case 'k8s-canary-deploy':
      return (spec, params, ctx) => {
        if (ctx.presetEmptiesTargets) spec.targets = []
        setServiceImages(spec, params)
      }
    case 'k8s-blue-green-deploy':
      return setServiceImages
    case 'zadig-test':
      return (spec, params, ctx) => namedModules(spec, params, ctx, 'test')
    case 'zadig-scanning':
      return (spec, params, ctx) => namedModules(spec, params, ctx, 'scan')
    default:
      return undefined
  }
}
