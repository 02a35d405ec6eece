// create-build's `definition`: the services the new build builds, each with its
// repositories and variables (docs/zadigx-api.md#builds), checked before any request.
import type { BuildTarget } from '../zadig/api/builds.js'
import { describeValue, isMapping, quote } from '../structured.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
const REPO_FIELDS = [
  'codehost_name',
  'repo_namespace',
  'repo_name',
  'branch'
] as const

/** Parses the (already read) definition text; undefined when it has problems. */
export function parseBuildTargets(
  label: string,
  text: string,
  problems: Problems
): BuildTarget[] | undefined {
  const parsed = parseInput(label, text, problems)
  if (!parsed) return undefined
  const data = parsed.data
  if (!Array.isArray(data) || data.length === 0 || !data.every(isMapping)) {
    problems.push(
      `${label}: expected a list of target services ({service_name, service_module, repo_info, inputs}), got ${describeValue(data)}`
    )
    return undefined
  }
  const before = problems.length
  const targets = data.map((t, i) => target(`${label}[${i}]`, t, problems))
  const ids = targets.map(t => `${t.service_name}/${t.service_module}`)
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i)
  if (twice.length)
    problems.push(
      `${label}: expected each service and module once, got ${[...new Set(twice)].map(t => quote(t)).join(', ')} more than once`
    )
  return problems.length === before ? targets : undefined
}

function target(
  at: string,
  t: Record<string, unknown>,
  problems: Problems
): BuildTarget {
  const name = t.service_name
  if (typeof name !== 'string' || !KEY.test(name))
    problems.push(
      `${at}: expected service_name to be a service key, got ${describeValue(name)}`
    )
  const module = t.service_module ?? name
  if (typeof module !== 'string' || !KEY.test(module))
    problems.push(
      `${at}: expected service_module to be a container (module) name, got ${describeValue(module)}`
    )
  return {
    service_name: typeof name === 'string' ? name : '',
    service_module: typeof module === 'string' ? module : '',
    repo_info: repos(at, t.repo_info, problems),
    inputs: inputs(at, t.inputs, problems)
  }
}

function repos(at: string, value: unknown, problems: Problems) {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(isMapping)) {
    problems.push(
      `${at}: expected repo_info to be a list of {codehost_name, repo_namespace, repo_name, branch}, got ${describeValue(value)}`
    )
    return []
  }
  return value.map((r, i) => {
    const missing = REPO_FIELDS.filter(
      f => typeof r[f] !== 'string' || (r[f] as string).trim() === ''
    )
    if (missing.length)
      problems.push(
        `${at}: repo_info[${i}]: expected ${missing.join(', ')} (text), got ${missing.map(f => describeValue(r[f])).join(', ')}`
      )
    const text = (f: (typeof REPO_FIELDS)[number]) =>
      typeof r[f] === 'string' ? r[f] : ''
    return {
      codehost_name: text('codehost_name'),
      repo_namespace: text('repo_namespace'),
      repo_name: text('repo_name'),
      branch: text('branch')
    }
  })
}

function inputs(at: string, value: unknown, problems: Problems) {
  if (value === undefined || value === null) return []
  const scalar = (v: unknown) =>
    ['string', 'number', 'boolean'].includes(typeof v)
  if (isMapping(value)) {
    const bad = Object.entries(value).filter(([, v]) => !scalar(v))
    if (bad.length)
      problems.push(
        `${at}: expected inputs' values to be text, numbers or booleans, got ${bad.map(([k, v]) => `${quote(k)}: ${describeValue(v)}`).join(', ')}`
      )
    return Object.entries(value).map(([key, v]) => ({
      key,
      value: String(v)
    }))
  }
  problems.push(
    `${at}: expected inputs to be a map of variable name to value, got ${describeValue(value)}`
  )
  return []
}
