// One pull-request comment per PR and workflow, found again by a hidden
// marker and edited in place, so re-runs do not pile up comments.
import type { Octokit } from '@octokit/rest'
import { clipDocument } from '../server-text.js'
import { renderSummaryMarkdown } from '../summary.js'
import type { TaskReport } from '../report.js'

/** Lines of a failed job's log in the comment (the job summary has more). */
const COMMENT_TAIL_LINES = 20
// Logs take at most half of the comment, so the limit below never cuts a fence.
const COMMENT_LOG_CHARS = 32_000

/** The hidden first line that identifies the comment of one workflow. */
export function commentMarker(projectKey: string, workflowKey: string): string {
  // Encoded so a key can never close the HTML comment (`-->`).
  const key = `${encodeURIComponent(projectKey)}/${encodeURIComponent(workflowKey)}`
  return `<!-- zadigx-action:${key} -->`
}

/** An environment operation's comment is the environment's, as its commit status is. */
const markerOf = (report: TaskReport): string =>
  commentMarker(
    report.projectKey,
    report.env ? `env/${report.env.envKey}` : report.workflowKey
  )

// GitHub refuses a comment of 65,536 characters or more.
const COMMENT_MAX = 65_535
const CLIPPED = '\n\n… (clipped: the job summary of the run has the rest)'

/** The GitHub deployment the run records, shown in the comment. */
export interface CommentDeployment {
  /** The GitHub environment's name (the `environment` input). */
  environment: string
  /** Its page on GitHub. */
  url: string
  /** The state last posted, e.g. `success`, `inactive`. */
  state: string
}

// The environment name is the step's own input, but it goes into markdown:
// only plain characters are kept as they are.
const plainName = (name: string): string =>
  name.replace(/[^\w ./-]/g, '_').slice(0, 255)

function deploymentLine(deployment: CommentDeployment): string {
  const name = plainName(deployment.environment)
  return `GitHub deployment: [${name}](${deployment.url}) (${deployment.state})`
}

/** The comment's body: the marker, then the job-summary markdown, within GitHub's limit. */
function commentBody(
  report: TaskReport,
  deployment?: CommentDeployment
): string {
  const marker = markerOf(report)
  const markdown = renderSummaryMarkdown(report, {
    logTail: COMMENT_TAIL_LINES,
    logChars: COMMENT_LOG_CHARS
  })
  const head = deployment ? `${deploymentLine(deployment)}\n\n` : ''
  // Cut at a line break, so no table row or entity is left half written.
  return clipDocument(`${marker}\n${head}${markdown}`, COMMENT_MAX, CLIPPED)
}

// The login the token writes as. A job's GITHUB_TOKEN may not read /user; its
// comments are written by github-actions[bot].
const JOB_TOKEN_LOGIN = 'github-actions[bot]'

async function ownLogin(target: CommentTarget): Promise<string> {
  try {
    const { data } = await target.octokit.rest.users.getAuthenticated({
      request: requestOf(target)
    })
    return data.login
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404)
      return JOB_TOKEN_LOGIN
    throw error
  }
}

/** Where the comment goes. */
export interface CommentTarget {
  octokit: Octokit
  owner: string
  repo: string
  issueNumber: number
  /** Aborts a request that takes too long. */
  signal?: () => AbortSignal
}

const requestOf = (target: CommentTarget): { signal?: AbortSignal } =>
  target.signal ? { signal: target.signal() } : {}

/**
 * Id of the first comment that starts with `marker` and that the token's own identity
 * wrote, or undefined: anyone can post a comment that starts with the marker.
 */
async function findComment(
  target: CommentTarget,
  marker: string
): Promise<number | undefined> {
  const { octokit, owner, repo, issueNumber } = target
  const login = await ownLogin(target)
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
    request: requestOf(target)
  })
  for await (const page of pages) {
    // A quote of our comment starts with "> ", so it is not taken for ours.
    const found = page.data.find(
      c => c.body?.startsWith(marker) && c.user?.login === login
    )
    if (found) return found.id
  }
  return undefined
}

/**
 * Creates or updates the workflow's comment on the pull request; `knownId` is
 * the comment written earlier in this run. Returns the comment's id.
 */
export async function upsertComment(
  target: CommentTarget,
  report: TaskReport,
  knownId?: number,
  deployment?: CommentDeployment
): Promise<number> {
  const { octokit, owner, repo } = target
  const body = commentBody(report, deployment)
  const request = requestOf(target)
  const marker = markerOf(report)
  const id = knownId ?? (await findComment(target, marker))
  if (id !== undefined) {
    try {
      await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: id,
        body,
        request
      })
      return id
    } catch (error) {
      // Deleted since we found it: write a new one below.
      if ((error as { status?: number }).status !== 404) throw error
    }
  }
  const created = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: target.issueNumber,
    body,
    request: requestOf(target)
  })
  return created.data.id
}
