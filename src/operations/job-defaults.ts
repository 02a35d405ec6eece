// Default OpenAPI job parameters read from a job's stored spec (workflow
// detail, docs/zadigx-api.md#workflow-detail), in the input shapes of docs/zadigx-api.md#trigger-task. The server
// runs only the jobs listed in a trigger, so a job the user did not describe
// is listed with these values to make it run as configured.
// Shapes checked against koderover/zadig v1.18.0 (= ZadigX v1.7) models
// `workflow_v4.go` and `ZadigBuildJobInput` … `ZadigScanningJobInput`
// (`service/workflow/types.go`), and the HEAD variants of the same structs.
import { mappings } from '../structured.js'

type Obj = Record<string, unknown>
type Defaults = (spec: Obj) => Obj

const objects = (spec: Obj, key: string): Obj[] => mappings(spec[key])

const text = (spec: Obj, key: string): string => {
  const value = spec[key]
  return typeof value === 'string' ? value : ''
}

/** The first of `keys` that holds a non-empty list (newer servers renamed fields). */
const firstList = (spec: Obj, ...keys: string[]): Obj[] =>
  keys.map(key => objects(spec, key)).find(list => list.length > 0) ?? []

// Empty `repo_info` and `inputs` keep the configured repos and variables: the
// server only overrides entries that match a given one.
const serviceEntry = (item: Obj): Obj => ({
  service_name: text(item, 'service_name'),
  service_module: text(item, 'service_module'),
  repo_info: [],
  inputs: []
})

// HEAD stores the UI's pre-selection in `default_service_and_builds` and
// builds exactly the listed services; v1.18 has only `service_and_builds`.
const buildDefaults: Defaults = spec => ({
  service_list: firstList(
    spec,
    'default_service_and_builds',
    'service_and_builds'
  ).map(serviceEntry)
})

// v1.18 keeps the deploy list in `service_and_images`; HEAD keeps the default
// modules there too and the full selection in `services[].modules`. v1.18
// copies `env_name` unconditionally, so the configured env is always sent.
const deployDefaults: Defaults = spec => {
  const flat = objects(spec, 'service_and_images')
  const nested = objects(spec, 'services').flatMap(service =>
    objects(service, 'modules').map(module => ({
      ...module,
      service_name: text(service, 'service_name')
    }))
  )
  return {
    env_name: text(spec, 'env'),
    service_list: (flat.length > 0 ? flat : nested).map(item => ({
      service_name: text(item, 'service_name'),
      service_module: text(item, 'service_module'),
      image_name: text(item, 'image')
    }))
  }
}

// HEAD service freestyle jobs run only the services listed in `services`. The
// trigger fills `repo_info` with the job's stored repositories (freestyle-repos.ts).
const freestyleDefaults: Defaults = spec => {
  const defaults: Obj = { kv: [], repo_info: [] }
  if (spec['freestyle_type'] === 'service_freestyle')
    defaults['services'] = firstList(spec, 'default_services', 'services').map(
      serviceEntry
    )
  return defaults
}

// custom-deploy replaces all targets with `target_list`; the stored target is
// "<workload_type>/<workload_name>/<container_name>".
const customDeployDefaults: Defaults = spec => ({
  target_list: objects(spec, 'targets').map(target => {
    const [type = '', name = '', ...container] = text(target, 'target').split(
      '/'
    )
    return {
      workload_type: type,
      workload_name: name,
      container_name: container.join('/'),
      image_name: text(target, 'image')
    }
  })
})

// Blue-green and canary deploys match `service_name` to the K8s Service.
const k8sServiceDefaults: Defaults = spec => ({
  service_list: objects(spec, 'targets').map(target => ({
    service_name: text(target, 'k8s_service_name'),
    image_name: text(target, 'image')
  }))
})

const grayReleaseDefaults: Defaults = spec => ({
  target_list: objects(spec, 'targets').map(target => ({
    workload_type: text(target, 'workload_type'),
    workload_name: text(target, 'workload_name'),
    container_name: text(target, 'container_name'),
    image_name: text(target, 'image')
  }))
})

const grayRollbackDefaults: Defaults = spec => ({
  target_list: objects(spec, 'targets').map(target => ({
    workload_type: text(target, 'workload_type'),
    workload_name: text(target, 'workload_name')
  }))
})

// All four identifiers must match a patch item or it is dropped.
const patchDefaults: Defaults = spec => ({
  target_list: objects(spec, 'patch_items').map(item => ({
    resource_name: text(item, 'resource_name'),
    resource_kind: text(item, 'resource_kind'),
    resource_group: text(item, 'resource_group'),
    resource_version: text(item, 'resource_version'),
    inputs: []
  }))
})

// HEAD service tests/scans keep only the services in `service_list`
// (v1.18 ignores that key); `target_services` is the default selection.
const serviceSelection = (spec: Obj, configured: string): Obj =>
  spec['source'] === 'fromjob'
    ? {}
    : {
        service_list: firstList(spec, 'target_services', configured).map(
          serviceEntry
        )
      }

const testingDefaults: Defaults = spec => ({
  testing_list: firstList(spec, 'test_modules', 'test_module_options').map(
    module => ({
      testing_name: text(module, 'name'),
      repo_info: [],
      inputs: []
    })
  ),
  ...(spec['test_type'] === 'service_test'
    ? serviceSelection(spec, 'service_and_tests')
    : {})
})

const scanningDefaults: Defaults = spec => ({
  scanning_list: firstList(spec, 'scannings', 'scanning_options').map(
    module => ({ scanning_name: text(module, 'name'), repo_info: [] })
  ),
  ...(spec['scanning_type'] === 'service_scanning'
    ? serviceSelection(spec, 'service_and_scannings')
    : {})
})

const nothing: Defaults = () => ({})

const DEFAULTS: Record<string, Defaults> = {
  'zadig-build': buildDefaults,
  'zadig-deploy': deployDefaults,
  freestyle: freestyleDefaults,
  plugin: () => ({ kv: [] }),
  'custom-deploy': customDeployDefaults,
  'k8s-blue-green-deploy': k8sServiceDefaults,
  'k8s-canary-deploy': k8sServiceDefaults,
  'k8s-blue-green-release': nothing,
  'k8s-canary-release': nothing,
  'zadig-test': testingDefaults,
  'zadig-scanning': scanningDefaults,
  'k8s-gray-release': grayReleaseDefaults,
  'k8s-gray-rollback': grayRollbackDefaults,
  'k8s-resource-patch': patchDefaults,
  // Approval jobs (Zadig v3.1+) only pause the run when listed. The OpenAPI
  // accepts the type from Zadig v4.1.0 on; v3.1 … v4.0 answer "undefined
  // job type" when it is listed.
  approval: nothing
}

/**
 * Job types the OpenAPI accepts (Zadig v3.3 … HEAD) but whose inputs have no
 * safe default (an artifact file, an SQL statement, tracker iterations): they
 * run only when the user names them with parameters.
 */
export const NEEDS_USER_INPUT: ReadonlySet<string> = new Set([
  'zadig-vm-deploy',
  'sql',
  'tapd',
  'ai-release-specialist',
  'ai-task'
])

/** Whether the OpenAPI trigger can start a job of this type at all. */
export function isTriggerable(type: string): boolean {
  return type in DEFAULTS || NEEDS_USER_INPUT.has(type)
}

/**
 * Parameters that make a job of `type` run as stored in `spec`, or undefined
 * when the type has no defaults. For `zadig-build` the `registry` is left to
 * the caller: it needs a registry lookup.
 */
export function defaultJobParameters(
  type: string,
  spec: Record<string, unknown> | undefined
): Record<string, unknown> | undefined {
  const defaults = DEFAULTS[type]
  return defaults ? defaults(spec ?? {}) : undefined
}

type Kind = 'list' | 'text'
const LIST: Kind = 'list'
const TEXT: Kind = 'text'

/**
 * Parameter keys each job type's input reads, with the JSON kind the server
 * decodes (docs/zadigx-api.md#trigger-task; HEAD-only keys included, older servers ignore them).
 */
export const JOB_PARAMETER_KEYS: Readonly<
  Record<string, Readonly<Record<string, Kind>>>
> = {
  'zadig-build': { registry: TEXT, service_list: LIST },
  'zadig-deploy': { env_name: TEXT, service_list: LIST },
  freestyle: { kv: LIST, repo_info: LIST, services: LIST },
  plugin: { kv: LIST },
  'custom-deploy': { target_list: LIST },
  'k8s-blue-green-deploy': { service_list: LIST },
  'k8s-canary-deploy': { service_list: LIST },
  'zadig-test': { testing_list: LIST, service_list: LIST },
  'zadig-scanning': { scanning_list: LIST, service_list: LIST },
  'k8s-gray-release': { target_list: LIST },
  'k8s-gray-rollback': { target_list: LIST },
  'k8s-resource-patch': { target_list: LIST },
  'zadig-vm-deploy': { env_name: TEXT, service_list: LIST },
  sql: { database_name: TEXT, sql: TEXT },
  tapd: {
    project_id: TEXT,
    project_name: TEXT,
    status: TEXT,
    iteration_ids: LIST
  }
}
