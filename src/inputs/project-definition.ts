// create-project's `definition`: the project's description, visibility, services
// and environments (docs/zadigx-api.md#projects), checked before any request.
import { describeValue, isMapping, quote } from '../structured.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'

/** One service of a new project: its YAML, or a template with variables. */
export interface ProjectServiceInput {
  name: string
  yaml?: string
  template?: string
  variables: { key: string; value: string }[]
  autoSync: boolean
}

/** One environment of a new project. */
export interface ProjectEnvInput {
  key: string
  cluster: string
  /** Given, or Zadig's own default `<project>-env-<key>`. */
  namespace?: string
}

/** What create-project's `definition` holds. */
export interface ProjectSetup {
  description: string
  public: boolean
  services: ProjectServiceInput[]
  envs: ProjectEnvInput[]
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
const KNOWN = ['description', 'public', 'services', 'envs']

/** Parses the (already read) definition text; undefined when it has problems. */
export function parseProjectSetup(
  label: string,
  text: string,
  problems: Problems
): ProjectSetup | undefined {
  const parsed = parseInput(label, text, problems)
  if (!parsed) return undefined
  const data = parsed.data
  if (!isMapping(data)) {
    problems.push(
      `${label}: expected a mapping with description, public, services and envs, got ${describeValue(data)}`
    )
    return undefined
  }
  const before = problems.length
  const unknown = Object.keys(data).filter(k => !KNOWN.includes(k))
  if (unknown.length)
    problems.push(
      `${label}: expected only ${KNOWN.join(', ')}, got ${unknown.map(k => quote(k)).join(', ')}`
    )
  const setup: ProjectSetup = {
    description: text_(label, 'description', data.description, problems),
    public: bool(label, data.public, problems),
    services: list(label, 'services', data.services, problems).map((s, i) =>
      service(`${label}: services[${i}]`, s, problems)
    ),
    envs: list(label, 'envs', data.envs, problems).map((e, i) =>
      env(`${label}: envs[${i}]`, e, problems)
    )
  }
  if (setup.envs.length > 0 && setup.services.length === 0)
    problems.push(
      `${label}: envs need services (ZadigX creates a project's environments only with at least one service)`
    )
  duplicates(
    label,
    'services',
    setup.services.map(s => s.name),
    problems
  )
  duplicates(
    label,
    'envs',
    setup.envs.map(e => e.key),
    problems
  )
  return problems.length === before ? setup : undefined
}

function text_(
  label: string,
  name: string,
  value: unknown,
  problems: Problems
): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  problems.push(
    `${label}: expected ${name} to be text, got ${describeValue(value)}`
  )
  return ''
}

function bool(label: string, value: unknown, problems: Problems): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'boolean') return value
  problems.push(
    `${label}: expected public to be true or false, got ${describeValue(value)}`
  )
  return false
}

function list(
  label: string,
  name: string,
  value: unknown,
  problems: Problems
): Record<string, unknown>[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value) && value.every(isMapping)) return value
  problems.push(
    `${label}: expected ${name} to be a list of mappings, got ${describeValue(value)}`
  )
  return []
}

function key(
  at: string,
  name: string,
  value: unknown,
  problems: Problems
): string {
  if (typeof value === 'string' && KEY.test(value)) return value
  problems.push(
    `${at}: expected ${name} to be a key of letters, digits, ".", "_" or "-", got ${describeValue(value)}`
  )
  return ''
}

function service(
  at: string,
  s: Record<string, unknown>,
  problems: Problems
): ProjectServiceInput {
  const name = key(at, 'name', s.name, problems)
  const yaml = typeof s.yaml === 'string' ? s.yaml : undefined
  const template = typeof s.template === 'string' ? s.template : undefined
  if (
    (yaml === undefined) === (template === undefined) ||
    yaml === '' ||
    template === ''
  )
    problems.push(
      `${at}: expected either yaml (the service's Kubernetes YAML) or template (a service template's name), not both, got ${yaml !== undefined && template !== undefined ? 'both' : 'neither'}`
    )
  if (yaml !== undefined && s.variables !== undefined)
    problems.push(`${at}: variables go with template, not with yaml`)
  if (s['auto-sync'] !== undefined && typeof s['auto-sync'] !== 'boolean')
    problems.push(
      `${at}: expected auto-sync to be true or false, got ${describeValue(s['auto-sync'])}`
    )
  return {
    name,
    ...(yaml !== undefined ? { yaml } : {}),
    ...(template !== undefined ? { template } : {}),
    variables: variables(at, s.variables, problems),
    autoSync: s['auto-sync'] === true
  }
}

function variables(
  at: string,
  value: unknown,
  problems: Problems
): { key: string; value: string }[] {
  if (value === undefined || value === null) return []
  if (!isMapping(value)) {
    problems.push(
      `${at}: expected variables to be a map of name to value, got ${describeValue(value)}`
    )
    return []
  }
  return Object.entries(value).flatMap(([k, v]) => {
    if (['string', 'number', 'boolean'].includes(typeof v))
      return [{ key: k, value: String(v) }]
    problems.push(
      `${at}: expected variable ${quote(k)} to be text, a number or a boolean, got ${describeValue(v)}`
    )
    return []
  })
}

function env(
  at: string,
  e: Record<string, unknown>,
  problems: Problems
): ProjectEnvInput {
  const envKey = key(at, 'key', e.key, problems)
  const cluster = e.cluster
  if (typeof cluster !== 'string' || cluster.trim() === '')
    problems.push(
      `${at}: expected cluster to be the name of a cluster in ZadigX (System settings → Clusters), got ${describeValue(cluster)}`
    )
  const namespace = e.namespace
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' ||
      !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace))
  )
    problems.push(
      `${at}: expected namespace to be a Kubernetes namespace name (lower case letters, digits and -), got ${describeValue(namespace)}`
    )
  return {
    key: envKey,
    cluster: typeof cluster === 'string' ? cluster.trim() : '',
    ...(typeof namespace === 'string' ? { namespace } : {})
  }
}

function duplicates(
  label: string,
  name: string,
  keys: string[],
  problems: Problems
): void {
  const twice = keys.filter((k, i) => k !== '' && keys.indexOf(k) !== i)
  if (twice.length)
    problems.push(
      `${label}: expected each of ${name} once, got ${[...new Set(twice)].map(k => quote(k)).join(', ')} more than once`
    )
}
