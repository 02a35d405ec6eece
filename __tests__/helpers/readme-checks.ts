// What the READMEs must say about the interface: every input and output of
// action.yml in its table, and examples that are complete steps using only
// inputs and operations that exist. Each check returns its problems.
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import {
  canonicalOperation,
  isRequired,
  OPERATION_INPUTS,
  OPERATIONS,
  supports,
  type WorkflowType
} from '../../src/inputs/rules.js'
import {
  headings,
  readMarkdown,
  tables,
  type Fence,
  type Markdown
} from './markdown.js'

interface ActionYml {
  inputs: Record<string, { default?: unknown }>
  outputs: Record<string, unknown>
}

type Obj = Record<string, unknown>

/** The action's public interface, read from action.yml. */
export const action = (() => {
  const file = new URL('../../action.yml', import.meta.url)
  return parseDocument(readFileSync(file, 'utf8')).toJS() as ActionYml
})()

/** `## ` headings of the sections the checks read, in English and Chinese. */
const SECTIONS = {
  inputs: ['Inputs', '输入'],
  outputs: ['Outputs', '输出'],
  examples: ['Examples by operation', '各操作示例']
}

/** The uses: of the action in examples (any version tag). */
const ACTION = /^zadigx-action\/zadigx-action@/

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The body of the `##` section whose heading is one of `names` ('' if none). */
export function section(text: string, names: string[]): string {
  const lines = text.split('\n')
  const level2 = headings(readMarkdown(text)).filter(h => h.level === 2)
  const at = level2.findIndex(h => names.includes(h.text))
  if (at < 0) return ''
  const end = level2[at + 1]?.line ?? lines.length + 1
  return lines.slice(level2[at]?.line, end - 1).join('\n')
}

// Rows of the first table of a section, keyed by the name in backticks in the first cell.
function tableRows(text: string, names: string[], columns: number) {
  const table = tables(readMarkdown(section(text, names)))[0]
  const problems: string[] = []
  if (!table)
    return {
      rows: new Map<string, string[]>(),
      problems: [`no table under ## ${names.join(' / ')}`]
    }
  if (table.rows[0]?.length !== columns)
    problems.push(
      `## ${names[0]}: expected ${columns} columns, got ${table.rows[0]?.length}`
    )
  const rows = new Map<string, string[]>()
  for (const row of table.rows.slice(2)) {
    const name = /^`([a-z-]+)`$/.exec(row[0] ?? '')?.[1]
    if (!name)
      problems.push(`## ${names[0]}: first cell ${row[0]} is not a \`name\``)
    else if (rows.has(name)) problems.push(`## ${names[0]}: ${name} twice`)
    else rows.set(name, row)
    if (!row.at(-1)) problems.push(`## ${names[0]}: ${name} has no description`)
  }
  return { rows, problems }
}

function sameNames(
  kind: string,
  listed: string[],
  declared: string[]
): string[] {
  return [
    ...declared
      .filter(n => !listed.includes(n))
      .map(n => `${kind} ${n} of action.yml is not in the table`),
    ...listed
      .filter(n => !declared.includes(n))
      .map(n => `${kind} ${n} is not in action.yml`)
  ]
}

/** Every input of action.yml, once, with its default in the second column. */
export function inputTableProblems(text: string): string[] {
  const { rows, problems } = tableRows(text, SECTIONS.inputs, 3)
  problems.push(
    ...sameNames('input', [...rows.keys()], Object.keys(action.inputs))
  )
  for (const [name, spec] of Object.entries(action.inputs)) {
    const cell = rows.get(name)?.[1]
    if (
      cell !== undefined &&
      spec.default !== undefined &&
      !cell.includes(`\`${String(spec.default)}\``)
    )
      problems.push(
        `input ${name}: default cell "${cell}" lacks \`${String(spec.default)}\``
      )
  }
  return problems
}

/** Every output of action.yml, once. */
export function outputTableProblems(text: string): string[] {
  const { rows, problems } = tableRows(text, SECTIONS.outputs, 2)
  return [
    ...problems,
    ...sameNames('output', [...rows.keys()], Object.keys(action.outputs))
  ]
}

/** The steps of a ```yaml block: a whole workflow, a list of steps, or one step. */
function blockSteps(fence: Fence): { steps: Obj[]; problems: string[] } {
  const where = `yaml block at line ${fence.line}`
  const doc = parseDocument(fence.body)
  if (doc.errors.length > 0)
    return { steps: [], problems: [`${where}: ${doc.errors[0]?.message}`] }
  const data: unknown = doc.toJS()
  const problems: string[] = []
  let steps: unknown[] = []
  if (isObj(data) && isObj(data['jobs'])) {
    if (data['on'] === undefined)
      problems.push(`${where}: workflow without on:`)
    for (const [name, job] of Object.entries(data['jobs'])) {
      if (!isObj(job) || !job['runs-on'] || !Array.isArray(job['steps']))
        problems.push(`${where}: job ${name} needs runs-on and steps`)
      else steps.push(...job['steps'])
    }
  } else if (Array.isArray(data)) steps = data
  else if (isObj(data) && ('uses' in data || 'run' in data)) steps = [data]
  else problems.push(`${where}: neither a workflow, a list of steps nor a step`)
  for (const step of steps)
    if (
      !isObj(step) ||
      (typeof step['uses'] !== 'string' && typeof step['run'] !== 'string')
    )
      problems.push(`${where}: a step without uses: or run:`)
  return { steps: steps.filter(isObj), problems }
}

/** The operation a step of the action runs, and whether it exists for its workflow type. */
function stepOperation(step: Obj): {
  operation: string
  type: string
  valid: boolean
} {
  const given = isObj(step['with']) ? step['with'] : {}
  const operation = String(given['operation'] ?? 'trigger')
  const type = String(given['workflow-type'] ?? 'custom')
  const known =
    OPERATIONS.includes(operation) && ['custom', 'product'].includes(type)
  const canonical = known
    ? canonicalOperation(operation, type as WorkflowType)
    : undefined
  return {
    operation,
    type,
    valid: canonical !== undefined && supports(type as WorkflowType, canonical)
  }
}

function actionStepProblems(step: Obj, where: string): string[] {
  const given = step['with']
  if (!isObj(given)) return [`${where}: the action step has no with:`]
  const env = isObj(step['env']) ? step['env'] : {}
  const problems = Object.keys(given)
    .filter(name => !(name in action.inputs))
    .map(name => `${where}: input ${name} does not exist`)
  const { operation, type, valid } = stepOperation(step)
  if (!valid)
    return [
      ...problems,
      `${where}: no operation ${operation} for ${type} workflows`
    ]
  const op = canonicalOperation(operation, type as WorkflowType)
  for (const input of [...OPERATION_INPUTS, 'project' as const])
    if (isRequired(input, op, type as WorkflowType) && !(input in given))
      problems.push(`${where}: ${operation} needs ${input}`)
  for (const [input, variable] of [
    ['url', 'ZADIGX_URL'],
    ['token', 'ZADIGX_TOKEN']
  ])
    if (!given[input as string] && !env[variable as string])
      problems.push(`${where}: no ${input} (nor env ${variable})`)
  return problems
}

// steps.<id>.outputs.<name> must name a step of the block, and an output the action has.
function referenceProblems(
  fence: Fence,
  steps: Obj[],
  where: string
): string[] {
  const problems: string[] = []
  for (const [, id, name] of fence.body.matchAll(
    /steps\.([\w-]+)\.outputs\.([\w-]+)/g
  )) {
    const step = steps.find(s => s['id'] === id)
    if (!step)
      problems.push(`${where}: steps.${id} is not a step of the example`)
    else if (
      ACTION.test(String(step['uses'])) &&
      !(String(name) in action.outputs)
    )
      problems.push(`${where}: output ${name} does not exist`)
  }
  return problems
}

/** Every ```yaml block parses, is complete, and uses the action as action.yml allows. */
export function exampleProblems(text: string): string[] {
  const problems: string[] = []
  for (const fence of readMarkdown(text).fences.filter(
    f => f.info === 'yaml'
  )) {
    const { steps, problems: shape } = blockSteps(fence)
    const where = `yaml block at line ${fence.line}`
    problems.push(...shape, ...referenceProblems(fence, steps, where))
    for (const step of steps.filter(s => ACTION.test(String(s['uses'] ?? ''))))
      problems.push(...actionStepProblems(step, where))
  }
  return problems
}

/** Operations (and the product trigger) without an example in "Examples by operation". */
export function coverageProblems(text: string): string[] {
  const shown = readMarkdown(section(text, SECTIONS.examples))
    .fences.filter(f => f.info === 'yaml')
    .flatMap(f => blockSteps(f).steps)
    .filter(s => ACTION.test(String(s['uses'] ?? '')))
    .map(stepOperation)
  const problems = OPERATIONS.filter(
    op => !shown.some(s => s.operation === op)
  ).map(op => `no example of ${op}`)
  if (!shown.some(s => s.operation === 'trigger' && s.type === 'product'))
    problems.push('no example of a product-workflow trigger')
  return problems
}

/** Shapes two translations must share: headings, tables and code blocks. */
export function shape(md: Markdown) {
  return {
    sections: headings(md).filter(h => h.level === 2).length,
    levels: headings(md)
      .map(h => h.level)
      .join(' '),
    tables: tables(md)
      .map(t => `${t.rows.length}x${t.rows[0]?.length}`)
      .join(' '),
    fences: md.fences.map(f => f.info).join(' '),
    yaml: md.fences.filter(f => f.info === 'yaml').map(f => f.body)
  }
}
