// `release`: what create-release records from an environment
// (docs/zadigx-api.md#delivery-releases, the `from_env` body).
import { describeValue, isMapping, quote } from '../structured.js'
import { checkSingleLine } from './single-line.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'
import type { ReleaseInput } from './types.js'

const KEYS = ['env', 'production', 'description', 'labels', 'services']
const EXPECTED =
  '{env, production?, description?, labels?, services: {<service>: [<container>, …]}}'

/** Reads the `release` mapping; every problem is named, nothing is sent on one. */
export function parseReleaseInput(
  text: string,
  problems: Problems
): ReleaseInput | undefined {
  const parsed = parseInput('release', text, problems)
  if (!parsed) return undefined
  const { data } = parsed
  if (!isMapping(data)) {
    problems.push(`release: expected ${EXPECTED}, got ${describeValue(data)}`)
    return undefined
  }
  const before = problems.length
  for (const key of Object.keys(data).filter(k => !KEYS.includes(k)))
    problems.push(
      `release: expected only ${KEYS.join(', ')}, got ${quote(key)}`
    )
  const release: ReleaseInput = {
    env: oneLine('env', data.env, problems, true),
    production: flag(data.production, problems),
    description: oneLine('description', data.description, problems, false),
    labels: labels(data.labels, problems),
    services: services(data.services, problems)
  }
  return problems.length === before ? release : undefined
}

function oneLine(
  key: string,
  value: unknown,
  problems: Problems,
  required: boolean
): string {
  if (value === undefined || value === null || value === '') {
    if (required)
      problems.push(
        `release.${key}: expected the ZadigX environment key, got nothing`
      )
    return ''
  }
  if (typeof value !== 'string') {
    problems.push(`release.${key}: expected text, got ${describeValue(value)}`)
    return ''
  }
  checkSingleLine({ [`release.${key}`]: value }, problems)
  return value
}

function flag(value: unknown, problems: Problems): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true
  problems.push(
    `release.production: expected true or false, got ${describeValue(value)}`
  )
  return false
}

function labels(value: unknown, problems: Problems): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    problems.push(
      `release.labels: expected a list of labels, got ${describeValue(value)}`
    )
    return []
  }
  for (const label of value)
    checkSingleLine({ ['release.labels']: label }, problems)
  return value
}

function services(
  value: unknown,
  problems: Problems
): ReleaseInput['services'] {
  const entries = isMapping(value) ? Object.entries(value) : []
  if (entries.length === 0) {
    problems.push(
      `release.services: expected a mapping of service names to their containers, got ${describeValue(value)}`
    )
    return []
  }
  return entries.map(([service, containers]) => {
    checkSingleLine({ ['release.services']: service }, problems)
    const list = Array.isArray(containers) ? containers : [containers]
    const names = list.filter(
      (c): c is string => typeof c === 'string' && c !== ''
    )
    if (names.length === 0 || names.length !== list.length)
      problems.push(
        `release.services.${service}: expected a container name or a list of them, got ${describeValue(containers)}`
      )
    for (const name of names)
      checkSingleLine({ [`release.services.${service}`]: name }, problems)
    return { service, containers: names }
  })
}
