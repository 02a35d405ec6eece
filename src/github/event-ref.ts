// What a GitHub event asks ZadigX to check out, and the `repo_info` entry
// (RepoInput, docs/zadigx-api.md#trigger-task) that says so to each server version.
//
// Read from koderover/zadig (v1.18.0 = ZadigX v1.7, v4.1.0, v4.2.0, v5.0.0):
// - every version copies `branch`, `pr`, `prs` of a matching entry, even when
//   empty; there is no `tag` field in any version's OpenAPIRepoInput;
// - v4.1.0+ also copies `enable_commit` / `commit_id`, and the checkout
//   (`Repository.Ref()`, v2.0+) fetches `commit_id` when `enable_commit` is set;
// - the checkout fetches `refs/heads/<branch>` when a branch is set, else the
//   PR head; with `prs` and a branch it then merges each PR into the branch, which
//   is how a pull request is built here (its merge result, as ZadigX webhooks do);
// - a PR ref is the code host's own (`merge-requests/N/head` on GitLab).
import type { GitHubRun, PullRequestRef } from './context.js'
import type { StoredRepo } from './repo-targets.js'
import type { RepoInput } from '../zadig/types.js'
import type { ScanRepo } from '../zadig/api/quality.js'
import { quote } from '../structured.js'

/** The ref an event asks for. */
export type EventRef =
  | { kind: 'branch'; branch: string }
  | { kind: 'pr'; pr: PullRequestRef }
  | { kind: 'tag'; tag: string; sha: string; branch?: string }
  | { kind: 'none' }

/** Reads the ref to build from the run: pull request, tag or branch. */
export function eventRef(run: GitHubRun): EventRef {
  if (run.pr && (run.pr.headRef || run.pr.baseRef))
    return { kind: 'pr', pr: run.pr }
  if (run.tag)
    return { kind: 'tag', tag: run.tag, sha: run.sha, branch: run.tagBranch }
  if (run.branch) return { kind: 'branch', branch: run.branch }
  return { kind: 'none' }
}

const short = (sha: string): string => sha.slice(0, 7)

/** One line for the log: which ref of which repository the run is about. */
export function describeEventRef(run: GitHubRun): string {
  const where = `${run.owner}/${run.repo}`
  const ref = eventRef(run)
  const at = run.sha ? ` at ${short(run.sha)}` : ''
  switch (ref.kind) {
    case 'pr': {
      const fork = ref.pr.fromFork ? ' from a fork' : ''
      return `${run.event}: pull request #${ref.pr.number}${fork} (${ref.pr.headRef} → ${ref.pr.baseRef}) of ${where}${at}`
    }
    case 'tag':
      return `${run.event}: tag ${ref.tag} of ${where}${at}`
    case 'branch':
      return `${run.event}: branch ${ref.branch} of ${where}${at}`
    default:
      return `${run.event}: ${run.ref || 'no ref'} of ${where}${at}`
  }
}

/** A code host from GET /api/aslan/code/codehost (docs/zadigx-api.md#list-codehosts). */
export interface CodeHostInfo {
  id: number
  alias?: string
  type?: string
  namespace?: string
  address?: string
}

/** The entry to send for one repository, or why none is sent. */
export type RepoPlan = { input: RepoInput; what: string } | { skip: string }

/**
 * The `repo_namespace` ZadigX compares (exactly, case included) with this stored repo.
 * Before matching, the job presets fill an empty stored namespace with `repo_owner`:
 * builds, tests and scans at every version (v1.18 `mergeRepos`, v3.4+ `applyRepos`),
 * freestyle jobs from v3.4.0; Zadig v5.0 freestyle jobs also take it as the repo's
 * owner. Only ZadigX v1.7 .. Zadig v3.3 freestyle jobs compare an empty stored value
 * (docs/zadigx-api.md#repo-input).
 */
export function comparedNamespace(repo: StoredRepo): string {
  return repo.repo_namespace || repo.repo_owner || ''
}

/** The fields that identify a stored repository to the server. */
function baseInput(repo: StoredRepo, alias: string): RepoInput {
  const input: RepoInput = {
    codehost_name: alias,
    repo_namespace: comparedNamespace(repo),
    repo_name: repo.repo_name
  }
  // HEAD rebuilds freestyle repos from the input: keep the checkout layout.
  if (repo.remote_name) input['remote_name'] = repo.remote_name
  if (repo.checkout_path) input['checkout_path'] = repo.checkout_path
  if (repo.submodules) input['submodules'] = true
  return input
}

/** The stored repository as it is, for servers that keep only listed repos. */
export function storedInput(repo: StoredRepo, alias: string): RepoInput {
  const input: RepoInput = {
    ...baseInput(repo, alias),
    branch: repo.branch ?? '',
    pr: repo.pr ?? 0,
    prs: repo.prs ?? []
  }
  if (repo.enable_commit) {
    input.enable_commit = true
    input.commit_id = repo.commit_id ?? ''
  }
  return input
}

function prPlan(
  repo: StoredRepo,
  alias: string,
  pr: PullRequestRef,
  sameHost: boolean
): RepoPlan {
  const base = baseInput(repo, alias)
  if (!sameHost) {
    // PR numbers would name another host's merge requests.
    if (pr.fromFork || !pr.headRef)
      return {
        skip: `pull request #${pr.number} comes from a fork and the code host is not this GitHub; the configured ref is kept`
      }
    return {
      input: { ...base, branch: pr.headRef, pr: 0, prs: [] },
      what: `branch ${quote(pr.headRef, { whole: true })} (the head of pull request #${pr.number}; no PR number sent: the code host is not this GitHub)`
    }
  }
  // What ZadigX's own PR webhook builds: the base branch with the PR number. With `prs`
  // and a branch the checkout fetches the branch and merges each PR into it, so this
  // builds the merge result, for a fork's PR and a same-repository one alike
  // (docs/zadigx-api.md#repo-input).
  const branch = pr.baseRef || pr.headRef
  const merge = pr.baseRef ? ' merged into its base branch' : ''
  return {
    input: { ...base, branch, pr: pr.number, prs: [pr.number] },
    what: `pull request #${pr.number}${merge} (branch ${quote(branch, { whole: true })}, pr ${pr.number}, prs [${pr.number}])`
  }
}

function tagPlan(
  repo: StoredRepo,
  alias: string,
  ref: Extract<EventRef, { kind: 'tag' }>
): RepoPlan {
  // Servers before v4.1 ignore enable_commit/commit_id and copy `branch`: an
  // empty one would leave nothing to check out, a tag name fails to fetch as
  // refs/heads/<tag>. The tag's branch (or the configured one) is the fallback.
  const branch = ref.branch ?? repo.branch ?? ''
  const input: RepoInput = { ...baseInput(repo, alias), branch, pr: 0, prs: [] }
  if (!ref.sha)
    return {
      input,
      what: `branch ${quote(branch, { whole: true })} (tag ${ref.tag}: no commit known to pin)`
    }
  input.enable_commit = true
  input.commit_id = ref.sha
  return {
    input,
    what: `tag ${ref.tag}: enable_commit true + commit_id ${ref.sha} (checked out by ZadigX/Zadig v4.1+), branch ${quote(branch, { whole: true })} (what servers before v4.1 build instead)`
  }
}

/** The `repo_info` entry that makes `repo` build what the event asks for. */
export function planRepo(
  repo: StoredRepo,
  alias: string,
  ref: Exclude<EventRef, { kind: 'none' }>,
  sameHost: boolean
): RepoPlan {
  switch (ref.kind) {
    case 'branch':
      return {
        input: {
          ...baseInput(repo, alias),
          branch: ref.branch,
          pr: 0,
          prs: []
        },
        what: `branch ${quote(ref.branch, { whole: true })}`
      }
    case 'pr':
      return prPlan(repo, alias, ref.pr, sameHost)
    case 'tag':
      return tagPlan(repo, alias, ref)
  }
}

/**
 * Whether PR numbers of this run mean the same thing on the repo's code host:
 * a `github` code host, or one at this run's GitHub (Enterprise) address.
 */
export function isSameHost(
  repo: StoredRepo,
  host: CodeHostInfo | undefined,
  run: GitHubRun
): boolean {
  const type = (host?.type || repo.source || '').toLowerCase()
  if (type === 'github') return true
  if (!host?.address || ['gitlab', 'gitee', 'codehub'].includes(type))
    return false
  try {
    return new URL(host.address).host === new URL(run.serverUrl).host
  } catch {
    return false
  }
}

/** What use-github-ref makes of the run for run-scan: a repository, or why not. */
export type ScanRef = { repo: ScanRepo; note: string } | { problem: string }

/**
 * run-scan with use-github-ref: this GitHub repository at the event's ref. The
 * scan route passes on only `branch` and `prs` (docs/zadigx-api.md#scan-tasks):
 * a pull request is its base branch with the PR merged in, as ZadigX builds one;
 * a tag is scanned at its branch when GitHub names one, else refused.
 */
export function scanRefOf(run: GitHubRun): ScanRef {
  const repo = { source: 'github', repo_owner: run.owner, repo_name: run.repo }
  const where = `${run.owner}/${run.repo}`
  const ref = eventRef(run)
  switch (ref.kind) {
    case 'pr':
      return {
        repo: { ...repo, branch: ref.pr.baseRef, prs: [ref.pr.number] },
        note: `scanning ${where} ${ref.pr.baseRef} with pull request #${ref.pr.number} merged in`
      }
    case 'branch':
      return {
        repo: { ...repo, branch: ref.branch },
        note: `scanning ${where} branch ${ref.branch}`
      }
    case 'tag':
      if (ref.branch)
        return {
          repo: { ...repo, branch: ref.branch },
          note: `scanning ${where} branch ${ref.branch}, where tag ${ref.tag} points (the scan route takes no tag)`
        }
      return {
        problem: `use-github-ref: the scan route takes a branch, not a tag, and GitHub did not say which branch tag ${ref.tag} is on; give the repository and its branch in inputs`
      }
    default:
      return {
        problem: `use-github-ref: event ${run.event} names no branch, pull request or tag to scan; give the repository and its branch in inputs`
      }
  }
}
