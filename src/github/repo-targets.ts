// Where, in a trigger request, the repositories of a job can be overridden:
// each service / test / scan entry (or a freestyle job) with the repos and
// variables its stored definition has (workflow detail, docs/zadigx-api.md#workflow-detail).
// Shapes read from koderover/zadig v1.18.0 (= ZadigX v1.7) and HEAD models
// `workflow_v4.go` and the `*JobInput.UpdateJobSpec` methods (types.go).
import type { JobInput, WorkflowJob } from '../zadig/types.js'
import { field, mappings, quote } from '../structured.js'

/** A repository as stored in a job spec (`types.Repository`). */
export interface StoredRepo {
  source?: string
  repo_owner?: string
  repo_namespace?: string
  repo_name: string
  branch?: string
  pr?: number
  prs?: number[]
  enable_commit?: boolean
  commit_id?: string
  codehost_id?: number
  remote_name?: string
  checkout_path?: string
  submodules?: boolean
  /** `param` / `job`: the repo comes from a workflow variable or another job. */
  source_from?: string
}

export type Obj = Record<string, unknown>

/** One place in the request that takes `repo_info` (and variables). */
export interface RefTarget {
  /** For notes, e.g. `job "build" service svc-a/svc-a`. */
  label: string
  /** The stored job's type (`zadig-build`, `freestyle`, ...). */
  jobType: string
  /** The object in the (copied) request that holds `repo_info` and the KVs. */
  container: Obj
  /** The matching entry of what the user wrote in `inputs`, if any. */
  explicit?: Obj
  repos: StoredRepo[]
  /** Variable keys the stored definition has (only those can be set). */
  variables: string[]
  /** `inputs` (build, test, scan entries) or `kv` (freestyle job). */
  kvKey: 'inputs' | 'kv'
  /**
   * Zadig HEAD keeps only the repos listed in `repo_info` for tests, scans and
   * freestyle jobs (`OpenAPIRepoInputToRepository`): list all of them.
   */
  listAllRepos: boolean
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : ''

const isRepo = (value: Obj): boolean => typeof value['repo_name'] === 'string'

const repos = (value: unknown): StoredRepo[] =>
  mappings(value).filter(isRepo) as unknown as StoredRepo[]

const keys = (value: unknown): string[] =>
  mappings(value)
    .map(kv => text(kv['key']))
    .filter(key => key !== '')

type Identity = (entry: Obj) => string

const byService: Identity = e =>
  `${text(e['service_name'])}/${text(e['service_module'])}`
const byTestingName: Identity = e => text(e['testing_name'])
const byScanningName: Identity = e => text(e['scanning_name'])
const byName: Identity = e => text(e['name'])

/** A request list and the spec lists (newest name first) its entries match. */
interface ListRule {
  key: string
  what: string
  id: Identity
  stored: string[]
  storedId: Identity
}

/** `service_list` entries, matched by service and module. */
const serviceRule = (...stored: string[]): ListRule => ({
  key: 'service_list',
  what: 'service',
  id: byService,
  stored,
  storedId: byService
})

// HEAD keeps the selectable definitions in `*_options`; v1.18 has only the
// plain lists. The first stored entry with the same identity is used.
const RULES: Record<string, ListRule[]> = {
  'zadig-build': [
    serviceRule(
      'service_and_builds_options',
      'service_and_builds',
      'default_service_and_builds'
    )
  ],
  'zadig-test': [
    {
      key: 'testing_list',
      what: 'test',
      id: byTestingName,
      stored: ['test_modules', 'test_module_options'],
      storedId: byName
    },
    serviceRule('service_and_tests', 'service_test_options')
  ],
  'zadig-scanning': [
    {
      key: 'scanning_list',
      what: 'scan',
      id: byScanningName,
      stored: ['scannings', 'scanning_options'],
      storedId: byName
    },
    serviceRule('service_and_scannings', 'service_scanning_options')
  ]
}

/** Job types whose repositories can be overridden through the OpenAPI. */
export const REPO_JOB_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(RULES),
  'freestyle'
])

function storedEntry(spec: Obj, rule: ListRule, id: string): Obj | undefined {
  for (const key of rule.stored) {
    const found = mappings(spec[key]).find(e => rule.storedId(e) === id)
    if (found) return found
  }
  return undefined
}

function listTargets(
  input: JobInput,
  type: string,
  spec: Obj,
  explicit: Obj | undefined,
  rule: ListRule
): RefTarget[] {
  return mappings(input.parameters[rule.key]).flatMap(entry => {
    const id = rule.id(entry)
    const stored = storedEntry(spec, rule, id)
    if (!stored) return []
    return [
      {
        label: `job ${quote(input.job_name, { whole: true })} ${rule.what} ${id}`,
        jobType: type,
        container: entry,
        explicit: mappings(explicit?.[rule.key]).find(e => rule.id(e) === id),
        repos: repos(stored['repos']),
        variables: keys(stored['key_vals']),
        kvKey: 'inputs' as const,
        listAllRepos: type !== 'zadig-build'
      }
    ]
  })
}

// v1.18 keeps a freestyle job's repos in its git steps and its variables in
// `properties.envs`; HEAD has `spec.repos` and `spec.envs`.
function freestyleRepos(spec: Obj): StoredRepo[] {
  const fromSteps = mappings(spec['steps'])
    .filter(step => step['type'] === 'git')
    .flatMap(step => repos(field(step, 'spec', 'repos')))
  return [...repos(spec['repos']), ...fromSteps]
}

function freestyleTargets(
  input: JobInput,
  spec: Obj,
  explicit: Obj | undefined
): RefTarget[] {
  const common = {
    jobType: 'freestyle',
    repos: freestyleRepos(spec),
    variables: [
      ...keys(spec['envs']),
      ...keys(field(spec, 'properties', 'envs'))
    ],
    listAllRepos: true
  }
  if (spec['freestyle_type'] !== 'service_freestyle')
    return [
      {
        ...common,
        label: `job ${quote(input.job_name, { whole: true })}`,
        container: input.parameters,
        explicit,
        kvKey: 'kv'
      }
    ]
  // HEAD service freestyle: every listed service checks out the job's repos.
  return mappings(input.parameters['services']).map(entry => ({
    ...common,
    label: `job ${quote(input.job_name, { whole: true })} service ${byService(entry)}`,
    container: entry,
    explicit: mappings(explicit?.['services']).find(
      e => byService(e) === byService(entry)
    ),
    kvKey: 'inputs' as const
  }))
}

/**
 * The places in `input` (a copy the caller may change) that can take repo
 * overrides, matched to the job's stored definition. `explicit` is the job's
 * `parameters` as the user wrote them, when they did.
 */
export function refTargets(
  input: JobInput,
  job: WorkflowJob,
  explicit: Obj | undefined
): RefTarget[] {
  const spec = job.spec ?? {}
  if (job.type === 'freestyle') return freestyleTargets(input, spec, explicit)
  return (RULES[job.type] ?? []).flatMap(rule =>
    listTargets(input, job.type, spec, explicit, rule)
  )
}
