// What a trigger sent, as digests: after a lost answer, the task the step finds is its
// own only if it carries the values the step sent (another job with the same token may
// have triggered the same workflow at the same time). Values are kept as sha256
// digests, so the record saved for the post step never holds a value in clear text.
import { createHash } from 'node:crypto'
import { isMapping } from '../structured.js'
import type { TaskDetail, TriggerRequest } from '../zadig/types.js'

/** One value sent: where (a workflow parameter, or a job) and what it names. */
export interface SentValue {
  /** `''` for a workflow parameter; else the job's name. */
  job: string
  /** `param:<name>`, `kv:<key>`, `branch:<namespace>/<repo>` or `env`. */
  name: string
  digest: string
}

/** Everything comparable that a trigger sent. */
export type Fingerprint = SentValue[]

/** How a task compares with what was sent. */
export type Comparison =
  /** Every value the task shows is one that was sent (and it showed some). */
  | 'same'
  /** The task shows a different value for something that was sent. */
  | 'differs'
  /** The task shows none of the values sent (or nothing was sent). */
  | 'nothing-comparable'

// Nested lists in job parameters are short; a hostile task detail is walked no deeper.
const MAX_DEPTH = 6

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  return undefined
}

// The values a job's parameters (sent) or a job task's spec (read) name: key/value
// variables, a repository's branch and the deploy environment
// (docs/zadigx-api.md#trigger-fingerprint).
function jobValues(
  spec: unknown,
  envKey: 'env_name' | 'env',
  add: (name: string, value: string) => void
): void {
  if (isMapping(spec)) {
    const env = scalar(spec[envKey])
    if (env !== undefined && env !== '') add('env', env)
  }
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1)
      return
    }
    if (!isMapping(node)) return
    const key = scalar(node.key)
    const value = scalar(node.value)
    if (key !== undefined && value !== undefined) add(`kv:${key}`, value)
    const repo = scalar(node.repo_name)
    const branch = scalar(node.branch)
    if (repo !== undefined && branch)
      add(`branch:${scalar(node.repo_namespace) ?? ''}/${repo}`, branch)
    for (const child of Object.values(node))
      if (typeof child === 'object' && child !== null) walk(child, depth + 1)
  }
  walk(spec, 0)
}

/** The digests of every value `request` sends that a task detail can show again. */
export function fingerprintOf(request: TriggerRequest): Fingerprint {
  const sent: Fingerprint = []
  for (const p of request.parameters ?? [])
    sent.push({ job: '', name: `param:${p.name}`, digest: digest(p.value) })
  for (const input of request.inputs)
    jobValues(input.parameters, 'env_name', (name, value) =>
      sent.push({ job: input.job_name, name, digest: digest(value) })
    )
  return sent
}

// What a task shows, as "job\u0000name" → the digests of the values seen there.
function shownBy(task: TaskDetail): Map<string, Set<string>> {
  const shown = new Map<string, Set<string>>()
  const add = (job: string, name: string, value: string): void => {
    const where = `${job}\u0000${name}`
    const set = shown.get(where) ?? new Set<string>()
    set.add(digest(value))
    shown.set(where, set)
  }
  for (const p of Array.isArray(task.params) ? task.params : []) {
    const value = isMapping(p) ? scalar(p.value) : undefined
    if (value !== undefined && typeof p.name === 'string')
      add('', `param:${p.name}`, value)
  }
  for (const stage of Array.isArray(task.stages) ? task.stages : []) {
    const jobs = isMapping(stage) && Array.isArray(stage.jobs) ? stage.jobs : []
    for (const job of jobs) {
      if (!isMapping(job)) continue
      const info = isMapping(job.job_info) ? job.job_info : {}
      // A job task names its job in job_info.job_name; v3.3+ also in origin_name.
      const name =
        scalar(info.job_name) ?? scalar(job.origin_name) ?? scalar(job.name)
      if (name === undefined) continue
      jobValues(job.spec, 'env', (what, value) => add(name, what, value))
    }
  }
  return shown
}

/**
 * Compares what `task` shows with what was sent: `differs` as soon as one value the
 * task shows for something sent is not among the values sent for it.
 */
export function compareWithSent(
  sent: Fingerprint,
  task: TaskDetail
): Comparison {
  const shown = shownBy(task)
  const wanted = new Map<string, Set<string>>()
  for (const s of sent) {
    const where = `${s.job}\u0000${s.name}`
    wanted.set(where, (wanted.get(where) ?? new Set()).add(s.digest))
  }
  let compared = 0
  for (const [where, digests] of wanted) {
    const seen = shown.get(where)
    if (!seen) continue
    compared += 1
    // Every value sent for it must be there (a build job shows one job task per
    // service; variables nobody sent keep their stored values beside them).
    for (const d of digests) if (!seen.has(d)) return 'differs'
  }
  return compared > 0 ? 'same' : 'nothing-comparable'
}

/** Reads a fingerprint back from saved state; undefined when it is not one. */
export function readFingerprint(value: unknown): Fingerprint | undefined {
  if (!Array.isArray(value)) return undefined
  const sent: Fingerprint = []
  for (const v of value) {
    if (
      !isMapping(v) ||
      typeof v.job !== 'string' ||
      typeof v.name !== 'string' ||
      typeof v.digest !== 'string'
    )
      return undefined
    sent.push({ job: v.job, name: v.name, digest: v.digest })
  }
  return sent
}
