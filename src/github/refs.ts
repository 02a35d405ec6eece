// Fills the GitHub event's branch / pull request / tag into the trigger
// request's `repo_info` entries (docs/zadigx-api.md#trigger-task, #list-codehosts, #repo-input) for every build,
// test, scanning and freestyle repository that is this GitHub repository.
// What the user wrote in `inputs` wins: their repo_info entries and variable
// keys are never replaced.
import type { GitHubRun } from './context.js'
import {
  comparedNamespace,
  eventRef,
  isSameHost,
  planRepo,
  storedInput
} from './event-ref.js'
import type { CodeHostInfo, EventRef } from './event-ref.js'
import { REPO_JOB_TYPES, refTargets } from './repo-targets.js'
import type { Obj, RefTarget, StoredRepo } from './repo-targets.js'
import type {
  RepoInput,
  TriggerRequest,
  WorkflowDetail,
  WorkflowJob
} from '../zadig/types.js'
import { isMapping, mappings, quote } from '../structured.js'

export { describeEventRef } from './event-ref.js'
export type { CodeHostInfo } from './event-ref.js'

/**
 * Variable names that receive the tag of a tag push, when a build, test,
 * scan or freestyle definition declares them (key_vals / envs). Servers
 * before Zadig v4.1 cannot check out a tag or a commit through the OpenAPI;
 * a build script reading one of these can.
 */
export const TAG_VARIABLES: readonly string[] = [
  'TAG',
  'RELEASE_TAG',
  'GIT_TAG'
]

/** A job entry as the user wrote it in `inputs`. */
export interface ExplicitJobInput {
  job_name: string
  parameters: Record<string, unknown>
}

/** The new request and what was changed (or why nothing was), for the log. */
export interface AppliedRef {
  request: TriggerRequest
  notes: string[]
}

type Ref = Exclude<EventRef, { kind: 'none' }>

interface Context {
  run: GitHubRun
  ref: Ref
  hosts: CodeHostInfo[]
  notes: string[]
}

const lower = (value: unknown): string =>
  typeof value === 'string' ? value.toLowerCase() : ''

const repoKey = (namespace: unknown, name: unknown): string =>
  `${lower(namespace)}/${lower(name)}`
const storedKey = (repo: StoredRepo): string =>
  repoKey(repo.repo_namespace || repo.repo_owner, repo.repo_name)
const inputKey = (entry: Obj): string =>
  repoKey(entry['repo_namespace'], entry['repo_name'])
const repoName = (repo: StoredRepo): string =>
  `${repo.repo_namespace || repo.repo_owner}/${repo.repo_name}`

// The code host list carries unmasked secrets (ssh_key, private_access_token,
// docs/zadigx-api.md#list-codehosts): keep only what matching needs.
const publicFields = (host: CodeHostInfo): CodeHostInfo => ({
  id: host.id,
  alias: host.alias,
  type: host.type,
  namespace: host.namespace,
  address: host.address
})

/** Repos filled from a workflow variable or another job are not ours to set. */
const isRuntimeRepo = (repo: StoredRepo): boolean => !repo.source_from

function hostOf(repo: StoredRepo, ctx: Context): CodeHostInfo | undefined {
  return ctx.hosts.find(h => h.id === repo.codehost_id)
}

// ZadigX matches repo_namespace and repo_name exactly (docs/zadigx-api.md#repo-input): an
// entry that differs only in case is kept as written, but will not apply.
function keptGiven(given: Obj, repo: StoredRepo, at: string): string {
  const ns = comparedNamespace(repo)
  if (given['repo_namespace'] === ns && given['repo_name'] === repo.repo_name)
    return `${at}: kept the repo_info given in inputs`
  const wrote = `${String(given['repo_namespace'])}/${String(given['repo_name'])}`
  return `${at}: kept the repo_info given in inputs, but it names ${quote(wrote, { whole: true })} and ZadigX compares repo_namespace and repo_name exactly with ${quote(`${ns}/${repo.repo_name}`, { whole: true })}: it will not apply, and the configured ref is built`
}

// An empty stored namespace: say what is sent instead, and where it does not match.
function emptyNamespaceNote(repo: StoredRepo, target: RefTarget): string {
  const sent = quote(comparedNamespace(repo), { whole: true })
  const unless =
    target.jobType === 'freestyle'
      ? '; ZadigX v1.7 .. Zadig v3.3 compare the empty value for freestyle jobs and keep the configured ref there'
      : ''
  return `the stored repo_namespace is empty: sent repo_namespace ${sent} (its repo_owner), which ZadigX fills in before it compares${unless}`
}

function setRepos(target: RefTarget, hits: StoredRepo[], ctx: Context): void {
  const given = mappings(target.explicit?.['repo_info'])
  const entries = mappings(target.container['repo_info'])
  let changed = false
  for (const repo of hits) {
    const at = `${target.label}: repo ${repoName(repo)}`
    const mine = given.find(g => inputKey(g) === storedKey(repo))
    if (mine) {
      ctx.notes.push(keptGiven(mine, repo, at))
      continue
    }
    const host = hostOf(repo, ctx)
    const alias = host?.alias
    if (!alias) {
      ctx.notes.push(
        `${at}: code host id ${repo.codehost_id ?? '?'} has no alias in the code host list (GET /api/aslan/code/codehost); its ref was not set`
      )
      continue
    }
    const plan = planRepo(repo, alias, ctx.ref, isSameHost(repo, host, ctx.run))
    if ('skip' in plan) {
      ctx.notes.push(`${at}: ${plan.skip}`)
      continue
    }
    upsert(entries, plan.input)
    changed = true
    ctx.notes.push(
      `${at} (code host ${quote(alias, { whole: true })}) → ${plan.what}`
    )
    if (!repo.repo_namespace)
      ctx.notes.push(`${at}: ${emptyNamespaceNote(repo, target)}`)
  }
  if (!changed) return
  if (target.listAllRepos) addSiblings(target, entries, ctx)
  target.container['repo_info'] = entries
}

function upsert(entries: Obj[], input: RepoInput): void {
  const at = entries.findIndex(e => inputKey(e) === inputKey(input))
  if (at >= 0) entries[at] = input
  else entries.push(input)
}

// Zadig v4.1+ (freestyle) and v4.2+ (tests, scans) keep only the repos listed
// in repo_info: list the others as configured so they are still checked out.
function addSiblings(target: RefTarget, entries: Obj[], ctx: Context): void {
  for (const repo of target.repos) {
    if (entries.some(e => inputKey(e) === storedKey(repo))) continue
    const alias = hostOf(repo, ctx)?.alias
    if (alias && isRuntimeRepo(repo)) entries.push(storedInput(repo, alias))
    else
      ctx.notes.push(
        `${target.label}: repo ${repoName(repo)} could not be listed as configured; Zadig v4.1+ may leave it out of this run`
      )
  }
}

function setTagVariables(target: RefTarget, tag: string, ctx: Context): void {
  const names = TAG_VARIABLES.filter(name => target.variables.includes(name))
  if (names.length === 0) {
    ctx.notes.push(
      `${target.label}: declares none of ${TAG_VARIABLES.join(', ')}; servers before Zadig v4.1 build the branch above, not tag ${tag}`
    )
    return
  }
  const given = mappings(target.explicit?.[target.kvKey])
  const kvs = mappings(target.container[target.kvKey])
  for (const key of names) {
    if (given.some(kv => kv['key'] === key)) {
      ctx.notes.push(`${target.label}: kept ${key} as given in inputs`)
      continue
    }
    const at = kvs.findIndex(kv => kv['key'] === key)
    if (at >= 0) kvs[at] = { ...kvs[at], key, value: tag }
    else kvs.push({ key, value: tag })
    ctx.notes.push(
      `${target.label}: variable ${key} = ${quote(tag, { whole: true })}`
    )
  }
  target.container[target.kvKey] = kvs
}

/** Applies the ref to one target; returns whether this repository is in it. */
function applyToTarget(target: RefTarget, ctx: Context): boolean {
  const key = repoKey(ctx.run.owner, ctx.run.repo)
  const hits = target.repos.filter(
    repo => isRuntimeRepo(repo) && storedKey(repo) === key
  )
  if (hits.length === 0) return false
  setRepos(target, hits, ctx)
  if (ctx.ref.kind === 'tag') setTagVariables(target, ctx.ref.tag, ctx)
  return true
}

const configuredJobs = (detail: WorkflowDetail): Map<string, WorkflowJob> =>
  new Map(
    (detail.stages ?? []).flatMap(s => s.jobs ?? []).map(j => [j.name, j])
  )

/**
 * Returns a copy of `request` whose build, test, scanning and freestyle jobs
 * check out what the GitHub event points at, for every repository that is
 * this GitHub repository (owner/repo, case-insensitive): a branch push sets
 * `branch`; a pull request `branch`, `pr`, `prs`; a tag `enable_commit` +
 * `commit_id` and the TAG_VARIABLES the definition declares. `codeHosts`
 * (GET /api/aslan/code/codehost) supplies the alias the server wants in
 * `codehost_name`. `explicit` is what the user wrote in `inputs`: its
 * repo_info entries and variable keys win. Never changes `request`.
 */
export function applyGitHubRef(
  request: TriggerRequest,
  detail: WorkflowDetail,
  run: GitHubRun,
  explicit: ExplicitJobInput[] | undefined,
  codeHosts?: CodeHostInfo[]
): AppliedRef {
  const copy = structuredClone(request)
  const ref = eventRef(run)
  const where = `${run.owner}/${run.repo}`
  if (ref.kind === 'none')
    return {
      request: copy,
      notes: [
        `The ${run.event || 'GitHub'} event names no branch, tag or pull request (ref ${quote(run.ref, { whole: true })}); the workflow's configured refs are used`
      ]
    }
  const ctx: Context = {
    run,
    ref,
    hosts: (codeHosts ?? []).map(publicFields),
    notes: []
  }
  const jobs = configuredJobs(detail)
  let found = false
  for (const input of copy.inputs) {
    const job = jobs.get(input.job_name)
    if (!job || !REPO_JOB_TYPES.has(job.type) || !isMapping(input.parameters))
      continue
    const given = explicit?.find(e => e.job_name === input.job_name)
    for (const target of refTargets(input, job, given?.parameters))
      found = applyToTarget(target, ctx) || found
  }
  if (!found)
    ctx.notes.push(
      `No build, test, scanning or freestyle job of workflow ${quote(detail.workflow_key, { whole: true })} that this run starts checks out ${where}; nothing was changed`
    )
  return { request: copy, notes: ctx.notes }
}
