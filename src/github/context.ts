// The GitHub side of one run, read from the runner's environment and the event
// payload file. `@actions/github`'s `context` is not used: it reads the
// environment once, at import time, which tests and the post step cannot redo.
import { readFileSync } from 'node:fs'
import { field, isMapping } from '../structured.js'

/** The pull request a `pull_request*` event is about. */
export interface PullRequestRef {
  number: number
  /** The PR's source branch (`head.ref`). */
  headRef: string
  /** The PR's head commit: what checks and statuses attach to. */
  headSha: string
  /** The branch the PR merges into (`base.ref`). */
  baseRef: string
  /** True when the head branch lives in another repository (a fork). */
  fromFork: boolean
}

/** What the action needs to know about the GitHub run that started it. */
export interface GitHubRun {
  /** GITHUB_EVENT_NAME, e.g. `push`, `pull_request`, `workflow_dispatch`. */
  event: string
  /** The payload's `action`, e.g. `opened`, `synchronize`, `closed`. */
  action?: string
  owner: string
  repo: string
  /** The commit to report on; for pull requests the PR head, not the merge commit. */
  sha: string
  /** GITHUB_REF, e.g. `refs/heads/main`, `refs/tags/v1.2.0`, `refs/pull/7/merge`. */
  ref: string
  /** The branch that was pushed or dispatched; for pull requests the head branch. */
  branch?: string
  /** The tag that was pushed or dispatched. */
  tag?: string
  /**
   * Tag pushes only: the branch whose tip the tag points at when GitHub says so
   * (the payload's `base_ref`; often absent).
   */
  tagBranch?: string
  pr?: PullRequestRef
  /** REST API root (`https://api.github.com`, or `https://ghes.example.com/api/v3`). */
  apiUrl: string
  /** Web root (`https://github.com` or the GitHub Enterprise Server address). */
  serverUrl: string
  /** Link to this workflow run (and attempt). */
  runUrl: string
  runId?: string
  runAttempt?: number
  /** GITHUB_JOB: the job's id in the workflow file. */
  job?: string
}

type Env = Record<string, string | undefined>
type Obj = Record<string, unknown>

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

const trimSlash = (url: string): string => url.replace(/\/+$/, '')

/** Who can read the repository (and so its Actions logs); undefined when unknown. */
export type Visibility = 'public' | 'private' | 'internal'

/**
 * The repository's visibility from the event payload (`repository.visibility`, or
 * `repository.private` where older payloads only have that); undefined without a
 * payload or when it cannot be read.
 */
export function repositoryVisibility(
  env: Env = process.env
): Visibility | undefined {
  let payload: Obj
  try {
    payload = readPayload(str(env.GITHUB_EVENT_PATH))
  } catch {
    return undefined
  }
  const visibility = field(payload, 'repository', 'visibility')
  if (
    visibility === 'public' ||
    visibility === 'private' ||
    visibility === 'internal'
  )
    return visibility
  const hidden = field(payload, 'repository', 'private')
  if (typeof hidden === 'boolean') return hidden ? 'private' : 'public'
  return undefined
}

/** The event payload; `{}` when the runner wrote none (local runs). */
function readPayload(path: string | undefined): Obj {
  if (!path) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(
      `Could not read the GitHub event payload at GITHUB_EVENT_PATH=${path}: ${(error as Error).message}`,
      { cause: error }
    )
  }
  try {
    const payload: unknown = JSON.parse(text)
    return isMapping(payload) ? payload : {}
  } catch (error) {
    throw new Error(
      `The GitHub event payload at GITHUB_EVENT_PATH=${path} is not valid JSON`,
      { cause: error }
    )
  }
}

function repository(env: Env, payload: Obj): { owner: string; repo: string } {
  const full =
    str(env.GITHUB_REPOSITORY) ?? str(field(payload, 'repository', 'full_name'))
  const [owner, repo, ...rest] = (full ?? '').split('/')
  if (!owner || !repo || rest.length > 0)
    throw new Error(
      `Expected GITHUB_REPOSITORY as "owner/repo" (is this running in GitHub Actions?), got ${JSON.stringify(full ?? '')}`
    )
  return { owner, repo }
}

function pullRequest(env: Env, payload: Obj): PullRequestRef | undefined {
  const pr = field(payload, 'pull_request')
  if (!isMapping(pr)) return undefined
  const number = Number(field(pr, 'number') ?? field(payload, 'number'))
  if (!Number.isInteger(number) || number <= 0) return undefined
  const headRepo = str(field(pr, 'head', 'repo', 'full_name'))
  const baseRepo = str(field(pr, 'base', 'repo', 'full_name'))
  return {
    number,
    headRef: str(field(pr, 'head', 'ref')) ?? env.GITHUB_HEAD_REF ?? '',
    headSha: str(field(pr, 'head', 'sha')) ?? '',
    baseRef: str(field(pr, 'base', 'ref')) ?? env.GITHUB_BASE_REF ?? '',
    fromFork:
      headRepo !== undefined &&
      baseRepo !== undefined &&
      headRepo.toLowerCase() !== baseRepo.toLowerCase()
  }
}

const BRANCH_PREFIX = 'refs/heads/'
const TAG_PREFIX = 'refs/tags/'

function refParts(
  ref: string,
  env: Env,
  payload: Obj
): Pick<GitHubRun, 'branch' | 'tag' | 'tagBranch'> {
  if (ref.startsWith(BRANCH_PREFIX))
    return { branch: ref.slice(BRANCH_PREFIX.length) }
  if (ref.startsWith(TAG_PREFIX)) {
    const base = str(field(payload, 'base_ref'))
    return {
      tag: ref.slice(TAG_PREFIX.length),
      tagBranch: base?.startsWith(BRANCH_PREFIX)
        ? base.slice(BRANCH_PREFIX.length)
        : undefined
    }
  }
  // Without GITHUB_REF (local runners), GITHUB_REF_NAME / _TYPE may say it.
  const name = str(env.GITHUB_REF_NAME)
  if (ref || !name) return {}
  if (env.GITHUB_REF_TYPE === 'branch') return { branch: name }
  if (env.GITHUB_REF_TYPE === 'tag') return { tag: name }
  return {}
}

function runUrl(serverUrl: string, full: string, env: Env): string {
  const id = str(env.GITHUB_RUN_ID)
  if (!id) return `${serverUrl}/${full}/actions`
  const attempt = Number(env.GITHUB_RUN_ATTEMPT)
  const suffix = attempt > 1 ? `/attempts/${attempt}` : ''
  return `${serverUrl}/${full}/actions/runs/${id}${suffix}`
}

/**
 * Reads the run's GitHub context from the runner's environment (GITHUB_* and
 * the event payload at GITHUB_EVENT_PATH). Throws when GITHUB_REPOSITORY is
 * missing or the payload file cannot be read.
 */
export function readGitHubContext(env: Env = process.env): GitHubRun {
  const payload = readPayload(str(env.GITHUB_EVENT_PATH))
  const { owner, repo } = repository(env, payload)
  const event = str(env.GITHUB_EVENT_NAME) ?? ''
  const ref = str(env.GITHUB_REF) ?? ''
  const pr = pullRequest(env, payload)
  const serverUrl = trimSlash(
    str(env.GITHUB_SERVER_URL) ?? 'https://github.com'
  )
  const attempt = Number(env.GITHUB_RUN_ATTEMPT)
  const run: GitHubRun = {
    event,
    owner,
    repo,
    // GITHUB_SHA of a pull_request run is the test merge commit, which no
    // branch points at; statuses belong on the PR head.
    sha: pr?.headSha || (str(env.GITHUB_SHA) ?? ''),
    ref,
    ...refParts(ref, env, payload),
    apiUrl: trimSlash(str(env.GITHUB_API_URL) ?? 'https://api.github.com'),
    serverUrl,
    runUrl: runUrl(serverUrl, `${owner}/${repo}`, env)
  }
  if (pr) {
    run.pr = pr
    run.branch = pr.headRef || undefined
  }
  const action = str(field(payload, 'action'))
  if (action) run.action = action
  if (str(env.GITHUB_RUN_ID)) run.runId = env.GITHUB_RUN_ID
  if (Number.isInteger(attempt) && attempt > 0) run.runAttempt = attempt
  if (str(env.GITHUB_JOB)) run.job = env.GITHUB_JOB
  return run
}
