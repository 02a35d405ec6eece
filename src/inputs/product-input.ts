// `inputs` for a product workflow: the trigger body's `input` object
// (docs/zadigx-api.md#product-workflows: {target_env, build: {enabled, service_list}, deploy: {...}}).
import { describeValue, isMapping, quote } from '../structured.js'
import type { ProductTriggerRequest } from '../zadig/types.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'

/** The product trigger's `input` object. */
export type ProductInput = ProductTriggerRequest['input']

const KEYS = ['target_env', 'build', 'deploy']

/**
 * Reads the product-workflow `input` object as YAML/JSON. The outline is
 * checked (keys, kinds, and `deploy.source: zadig` when build and deploy are
 * both enabled, which the server requires); a section without `service_list`
 * gets an empty one; the services are passed as written.
 */
export function parseProductInput(
  text: string,
  problems: Problems
): ProductInput | undefined {
  const parsed = parseInput('inputs', text, problems)
  if (!parsed || parsed.data === null) return undefined
  const { data } = parsed
  if (!isMapping(data)) {
    problems.push(
      `inputs: expected a product-workflow input mapping {target_env, build, deploy}, got ${describeValue(data)}`
    )
    return undefined
  }
  const before = problems.length
  for (const key of Object.keys(data).filter(k => !KEYS.includes(k))) {
    problems.push(
      `inputs: expected only target_env, build and deploy for a product workflow, got ${quote(key)}`
    )
  }
  const env = data['target_env']
  if (typeof env !== 'string' || env.trim() === '') {
    problems.push(
      `inputs.target_env: expected the environment name, got ${describeValue(env)}`
    )
  }
  const build = section('build', data['build'], problems)
  const deploy = section('deploy', data['deploy'], problems)
  if (build?.['enabled'] === true && deploy?.['enabled'] === true) {
    const source = deploy['source']
    if (source !== undefined && source !== 'zadig') {
      problems.push(
        `inputs.deploy.source: expected "zadig" when build and deploy are both enabled, got ${describeValue(source)}`
      )
    }
  }
  if (problems.length !== before) return undefined
  const input: Record<string, unknown> = { target_env: env }
  if (build) input['build'] = build
  if (deploy) input['deploy'] = deploy
  return input as ProductInput
}

function section(
  name: string,
  value: unknown,
  problems: Problems
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined
  if (!isMapping(value)) {
    problems.push(
      `inputs.${name}: expected a mapping {enabled, service_list}, got ${describeValue(value)}`
    )
    return undefined
  }
  const { enabled, service_list: services = [] } = value
  if (typeof enabled !== 'boolean') {
    problems.push(
      `inputs.${name}.enabled: expected true or false, got ${describeValue(enabled)}`
    )
  }
  if (!Array.isArray(services)) {
    problems.push(
      `inputs.${name}.service_list: expected a list of services, got ${describeValue(services)}`
    )
  }
  return { ...value, service_list: services }
}
