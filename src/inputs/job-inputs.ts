// The trigger's structured inputs: `inputs` (jobs to run and their runtime
// inputs, docs/zadigx-api.md#trigger-task) and `parameters` (workflow variables, Zadig v3.1+).
import {
  describeValue,
  isMapNode,
  isMapping,
  quote,
  scalarText
} from '../structured.js'
import { parseInput } from './parse-input.js'
import type { Problems } from './scalars.js'
import type { UserJobInput } from './types.js'

const JOB_INPUTS_FORMS =
  'a list of {job_name, job_type?, parameters} or a mapping of job name to its parameters'

/**
 * Reads `inputs` in either form: the API list `[{job_name, job_type?,
 * parameters}]` or a mapping `job name: parameters`, where an empty value
 * means "run this job with its defaults". Duplicate job names are a problem.
 */
export function parseJobInputs(
  text: string,
  problems: Problems
): UserJobInput[] | undefined {
  const parsed = parseInput('inputs', text, problems)
  if (!parsed || parsed.data === null) return undefined
  const { data } = parsed
  const before = problems.length
  let jobs: UserJobInput[]
  if (Array.isArray(data)) {
    jobs = data.flatMap((item, index) => listItem(item, index, problems))
  } else if (isMapping(data)) {
    jobs = Object.entries(data).flatMap(([job, value]) =>
      mapEntry(job, value, problems)
    )
  } else {
    problems.push(
      `inputs: expected ${JOB_INPUTS_FORMS}, got ${describeValue(data)}`
    )
    return undefined
  }
  reportDuplicates(jobs, problems)
  return problems.length === before ? jobs : undefined
}

const ITEM_KEYS = ['job_name', 'job_type', 'parameters']

function listItem(
  item: unknown,
  index: number,
  problems: Problems
): UserJobInput[] {
  const at = `inputs[${index}]`
  if (!isMapping(item)) {
    problems.push(
      `${at}: expected a mapping {job_name, job_type?, parameters}, got ${describeValue(item)}`
    )
    return []
  }
  const start = problems.length
  const { job_name: name, job_type: type, parameters = {} } = item
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push(
      `${at}.job_name: expected the job's name as text, got ${describeValue(name)}`
    )
  }
  if (type !== undefined && typeof type !== 'string') {
    problems.push(
      `${at}.job_type: expected a job type such as zadig-build, got ${describeValue(type)}`
    )
  }
  for (const key of Object.keys(item).filter(k => !ITEM_KEYS.includes(k))) {
    problems.push(
      `${at}: expected only job_name, job_type and parameters, got ${quote(key)} (job settings go under parameters)`
    )
  }
  const params = jobParameters(`${at}.parameters`, parameters, problems)
  if (problems.length !== start || params === undefined) return []
  const job: UserJobInput = {
    job_name: (name as string).trim(),
    parameters: params
  }
  if (typeof type === 'string' && type !== '') job.job_type = type
  return [job]
}

function mapEntry(
  name: string,
  value: unknown,
  problems: Problems
): UserJobInput[] {
  const at = `inputs.${name}`
  // `build: {job_type: zadig-build, parameters: {...}}` is the list form's
  // item keyed by name; no job type has parameters named `parameters`.
  if (
    isMapping(value) &&
    isMapping(value['parameters']) &&
    Object.keys(value).every(k => k === 'parameters' || k === 'job_type') &&
    (value['job_type'] === undefined || typeof value['job_type'] === 'string')
  ) {
    const job: UserJobInput = {
      job_name: name,
      parameters: value['parameters']
    }
    if (value['job_type']) job.job_type = value['job_type'] as string
    return [job]
  }
  const params = jobParameters(at, value, problems)
  return params ? [{ job_name: name, parameters: params }] : []
}

function jobParameters(
  at: string,
  value: unknown,
  problems: Problems
): Record<string, unknown> | undefined {
  if (value === null || value === undefined || value === '') return {}
  if (isMapping(value)) return value
  problems.push(
    `${at}: expected a mapping of the job's parameters (or nothing, to run it with its defaults), got ${describeValue(value)}`
  )
  return undefined
}

function reportDuplicates(jobs: UserJobInput[], problems: Problems): void {
  const seen = new Set<string>()
  const reported = new Set<string>()
  for (const { job_name: name } of jobs) {
    if (seen.has(name) && !reported.has(name)) {
      problems.push(
        `inputs: expected each job once, got job ${quote(name)} more than once`
      )
      reported.add(name)
    }
    seen.add(name)
  }
}

/**
 * Reads `parameters`: a mapping `name: value` whose scalar values become
 * strings as written (`1.10` stays "1.10"); lists and mappings are problems.
 */
export function parseParameters(
  text: string,
  problems: Problems
): Record<string, string> | undefined {
  const parsed = parseInput('parameters', text, problems)
  if (!parsed || parsed.data === null) return undefined
  const { doc, data } = parsed
  if (!isMapping(data) || !isMapNode(doc.contents)) {
    problems.push(
      `parameters: expected a mapping of workflow variable name to value, got ${describeValue(data)}`
    )
    return undefined
  }
  const result: Record<string, string> = {}
  const before = problems.length
  for (const pair of doc.contents.items) {
    const name = String(scalarText(pair.key, doc) ?? '')
    const value = scalarText(pair.value, doc)
    if (value === undefined) {
      const kind = describeValue(data[name])
      problems.push(
        `parameters.${name}: expected a text, number or boolean value, got ${kind}`
      )
    } else {
      result[name] = value
    }
  }
  return problems.length === before ? result : undefined
}
