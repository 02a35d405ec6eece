// The GitHub side of a run: which event it is (for use-github-ref) and where to report
// (commit status, deployment, PR comment). Built only when one of those is asked for;
// the reporter (Octokit, a chunk of its own in dist/) is loaded only then.
import { readGitHubContext, type GitHubRun } from './github/context.js'
import type { GitHubReporter } from './github/reporter.js'
import type { ActionInputs } from './inputs.js'
import { errorMessage, type Logger } from './log.js'

/** The event and the reporter, when the inputs ask for them. */
export interface GitHubSide {
  run?: GitHubRun
  reporter?: GitHubReporter
}

/** Reads the GitHub context and builds the reporter the inputs ask for. */
export async function connectGitHub(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Logger
): Promise<GitHubSide> {
  // preview-env acts on the pull-request event and keeps its comment.
  const preview = inputs.operation === 'preview-env'
  const prComment = inputs.prComment || preview
  const reports = inputs.commitStatus || prComment || inputs.environment !== ''
  if (!reports && !inputs.useGithubRef) return {}
  let run: GitHubRun
  try {
    run = readGitHubContext(env)
  } catch (err) {
    const why = errorMessage(err)
    if (inputs.useGithubRef || preview)
      throw new Error(
        `${preview ? 'operation: preview-env' : 'use-github-ref'}: expected to run in a GitHub Actions job, but the event could not be read (${why})`,
        { cause: err }
      )
    log.warning(`Not reporting to GitHub: the event could not be read (${why})`)
    return {}
  }
  if (!reports) return { run }
  const { createGitHubReporter } = await import('./github/reporter.js')
  const reporter = createGitHubReporter({
    token: inputs.githubToken,
    run,
    log,
    commitStatus: inputs.commitStatus
      ? { context: inputs.statusContext || undefined }
      : undefined,
    environment: inputs.environment || undefined,
    prComment
  })
  return { run, reporter }
}
