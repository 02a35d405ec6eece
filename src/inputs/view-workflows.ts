// `view-workflows`: the workflows of a view (docs/zadigx-api.md#views).
import { describeValue, isMapping, quote } from '../structured.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'
import type { ViewWorkflow } from './types.js'

const KEYS = ['workflow_key', 'workflow_type', 'enabled']

/**
 * Reads a YAML/JSON list whose items are workflow keys (custom, enabled) or
 * `{workflow_key, workflow_type?, enabled?}`. Duplicates are a problem: the
 * server refuses them when it updates a view.
 */
export function parseViewWorkflows(
  text: string,
  problems: Problems
): ViewWorkflow[] | undefined {
  const parsed = parseInput('view-workflows', text, problems)
  if (!parsed) return undefined
  const { data } = parsed
  if (!Array.isArray(data) || data.length === 0) {
    problems.push(
      `view-workflows: expected a non-empty list of workflow keys or {workflow_key, workflow_type?, enabled?}, got ${describeValue(data)}`
    )
    return undefined
  }
  const before = problems.length
  const entries = data.flatMap((item, index) => entry(item, index, problems))
  const seen = new Set<string>()
  for (const { workflow_key: key, workflow_type: type } of entries) {
    if (seen.has(`${type}/${key}`)) {
      problems.push(
        `view-workflows: expected each workflow once, got ${quote(key)} more than once`
      )
    }
    seen.add(`${type}/${key}`)
  }
  return problems.length === before ? entries : undefined
}

function entry(item: unknown, index: number, problems: Problems) {
  const at = `view-workflows[${index}]`
  if (typeof item === 'string' && item.trim() !== '') {
    return [view(item.trim(), 'custom', true)]
  }
  if (!isMapping(item)) {
    problems.push(
      `${at}: expected a workflow key or {workflow_key, workflow_type?, enabled?}, got ${describeValue(item)}`
    )
    return []
  }
  const start = problems.length
  const { workflow_key: key, workflow_type: type = 'custom' } = item
  const { enabled = true } = item
  if (typeof key !== 'string' || key.trim() === '') {
    problems.push(
      `${at}.workflow_key: expected the workflow key as text, got ${describeValue(key)}`
    )
  }
  if (type !== 'custom' && type !== 'product') {
    problems.push(
      `${at}.workflow_type: expected custom or product, got ${describeValue(type)}`
    )
  }
  if (typeof enabled !== 'boolean') {
    problems.push(
      `${at}.enabled: expected true or false, got ${describeValue(enabled)}`
    )
  }
  for (const extra of Object.keys(item).filter(k => !KEYS.includes(k))) {
    problems.push(
      `${at}: expected only workflow_key, workflow_type and enabled, got ${quote(extra)}`
    )
  }
  if (problems.length !== start) return []
  return [view((key as string).trim(), type as 'custom', enabled as boolean)]
}

function view(
  key: string,
  type: 'custom' | 'product',
  enabled: boolean
): ViewWorkflow {
  return { workflow_key: key, workflow_type: type, enabled }
}
