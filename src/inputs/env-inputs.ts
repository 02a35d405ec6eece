// Inputs of the environment operations: `env`, `service`, `services`, `image`,
// `variables`, `replicas` (docs/zadigx-api.md#env-update-services, #env-variables).
import { describeValue, isMapping, quote } from '../structured.js'
import { parseInput } from './parse-input.js'
import { readInteger, type Problems } from './scalars.js'

/** A service named in `services`, with the variable values to deploy it with. */
export interface ServiceInput {
  name: string
  variables: { key: string; value: string }[]
}

// Environment and service keys: what ZadigX accepts as a key, no spaces or slashes
// (a slash would leave the route's path segment).
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** Reads an environment or service key; '' (and a problem) when it is not one. */
export function readKey(name: string, text: string, problems: Problems) {
  const key = text.trim()
  if (KEY.test(key)) return key
  problems.push(
    `${name}: expected a key of letters, digits, ".", "_" or "-" (at most 100), got ${quote(text)}`
  )
  return undefined
}

/** Reads an image reference: one word, no spaces. */
export function readImage(text: string, problems: Problems) {
  const image = text.trim()
  if (/^[^\s]{1,500}$/.test(image) && !image.startsWith('-')) return image
  problems.push(
    `image: expected an image reference such as registry.example.com/team/app:1.2.3, got ${quote(text)}`
  )
  return undefined
}

/**
 * Reads `images`: image references one per line, or a YAML or JSON list of them.
 * Each is one word; two alike are one.
 */
export function readImages(text: string, problems: Problems) {
  const trimmed = text.trim()
  let items: unknown[]
  if (/^[[-]/.test(trimmed)) {
    const parsed = parseInput('images', text, problems)
    if (!parsed) return undefined
    if (!Array.isArray(parsed.data)) {
      problems.push(
        `images: expected a list of image references, got ${describeValue(parsed.data)}`
      )
      return undefined
    }
    items = parsed.data
  } else items = trimmed.split(/\r?\n/).filter(line => line.trim() !== '')
  const before = problems.length
  const images = items.flatMap((item, i) => {
    const ref = typeof item === 'string' ? item.trim() : ''
    if (/^[^\s]{1,500}$/.test(ref) && !ref.startsWith('-')) return [ref]
    problems.push(
      `images[${i}]: expected an image reference such as registry.example.com/team/app:1.2.3, got ${typeof item === 'string' ? quote(item) : describeValue(item)}`
    )
    return []
  })
  if (problems.length === before && images.length === 0)
    problems.push('images: expected at least one image reference, got none')
  return problems.length === before ? [...new Set(images)] : undefined
}

/** Reads `replicas`: a whole number from 0. */
export function readReplicas(text: string, problems: Problems) {
  const before = problems.length
  const value = readInteger(
    'replicas',
    text.trim(),
    { min: 0, max: 1000, fallback: -1 },
    problems
  )
  return problems.length === before ? value : undefined
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  return undefined
}

/** A map of variable names to values (text, numbers and booleans as text). */
function variableMap(
  at: string,
  data: unknown,
  problems: Problems
): { key: string; value: string }[] | undefined {
  if (!isMapping(data)) {
    problems.push(
      `${at}: expected a map of variable names to values, got ${describeValue(data)}`
    )
    return undefined
  }
  const out: { key: string; value: string }[] = []
  for (const [key, raw] of Object.entries(data)) {
    const value = scalar(raw)
    if (value === undefined) {
      problems.push(
        `${at}.${key}: expected a text, number or boolean value, got ${describeValue(raw)}`
      )
      continue
    }
    out.push({ key, value })
  }
  return out
}

/** Reads `variables`: a YAML or JSON map of global variable names to values. */
export function parseVariables(text: string, problems: Problems) {
  const parsed = parseInput('variables', text, problems)
  if (!parsed) return undefined
  const before = problems.length
  const list = variableMap('variables', parsed.data, problems)
  if (list && list.length === 0)
    problems.push('variables: expected at least one variable, got an empty map')
  return problems.length === before ? list : undefined
}

/**
 * Reads `services`: a list of service names or `{name, variables?}`, or a map of
 * service name to its variables (`{svc-a: {LOG_LEVEL: debug}}`).
 */
export function parseServices(text: string, problems: Problems) {
  const parsed = parseInput('services', text, problems)
  if (!parsed) return undefined
  const before = problems.length
  const { data } = parsed
  let services: ServiceInput[] = []
  if (Array.isArray(data)) {
    services = data.flatMap((item, i) =>
      listed(item, `services[${i}]`, problems)
    )
  } else if (isMapping(data)) {
    services = Object.entries(data).flatMap(([name, vars]) => {
      const variables =
        vars === null ? [] : variableMap(`services.${name}`, vars, problems)
      return variables ? [{ name, variables }] : []
    })
  } else {
    problems.push(
      `services: expected a list of service names or a map of service name to variables, got ${describeValue(data)}`
    )
  }
  if (problems.length === before && services.length === 0)
    problems.push('services: expected at least one service, got none')
  checkServiceNames(services, problems)
  return problems.length === before ? services : undefined
}

function listed(item: unknown, at: string, problems: Problems) {
  if (typeof item === 'string') return [{ name: item.trim(), variables: [] }]
  if (!isMapping(item) || typeof item.name !== 'string') {
    problems.push(
      `${at}: expected a service name or {name, variables?}, got ${describeValue(item)}`
    )
    return []
  }
  const vars = item.variables
  const variables =
    vars === undefined || vars === null
      ? []
      : variableMap(`${at}.variables`, vars, problems)
  return variables ? [{ name: item.name.trim(), variables }] : []
}

function checkServiceNames(services: ServiceInput[], problems: Problems) {
  const seen = new Set<string>()
  for (const s of services) {
    if (!KEY.test(s.name))
      problems.push(
        `services: expected service keys of letters, digits, ".", "_" or "-", got ${quote(s.name)}`
      )
    else if (seen.has(s.name))
      problems.push(
        `services: expected each service once, got ${quote(s.name)} more than once`
      )
    seen.add(s.name)
  }
}
