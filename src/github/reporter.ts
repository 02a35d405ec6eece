// Reports a ZadigX task back to GitHub: a commit status on the run's commit,
// a deployment with statuses, and one pull-request comment. Every failure is
// a warning (at most one per channel); reporting never fails the step.
import type { Octokit } from '@octokit/rest'
import type { GitHubRun } from './context.js'
import {
  createOctokit,
  describeGitHubError,
  isPermissionError
} from './octokit.js'
import type { Channel } from './octokit.js'
import { upsertComment, type CommentDeployment } from './pr-comment.js'
import {
  commitState,
  deploymentState,
  describeLine,
  describeResult,
  describeStart
} from './status-text.js'
import type { CommitState, DeploymentState } from './status-text.js'
import type { Logger } from '../log.js'
import type { TaskReport } from '../report.js'

/** What `createGitHubReporter` needs; each report kind is opt-in. */
export interface GitHubReporterOptions {
  token: string
  run: GitHubRun
  log: Logger
  /** Injected client (tests); otherwise built for `run.apiUrl`. */
  octokit?: Octokit
  /** Post a commit status on `run.sha`; context defaults to `zadigx/<workflow>`. */
  commitStatus?: { context?: string }
  /** Create a deployment to this GitHub environment. */
  environment?: string
  /** The environment's address, shown on the deployment. */
  environmentUrl?: string
  /** Keep one comment with the summary on the pull request (PR events only). */
  prComment?: boolean
  fetch?: typeof fetch
  /** Per-request time limit; default 15 s. */
  timeoutMs?: number
}

/** Tells GitHub that a task started and how it ended. */
export interface GitHubReporter {
  started(report: TaskReport): Promise<void>
  finished(report: TaskReport): Promise<void>
}

const STATUS: Channel = {
  action: 'create a commit status',
  permission: 'statuses: write'
}
const DEPLOYMENT: Channel = {
  action: 'report the deployment',
  permission: 'deployments: write'
}
const COMMENT: Channel = {
  action: 'comment on the pull request',
  permission: 'pull-requests: write',
  alternative: 'issues: write'
}

const httpUrl = (url: string | undefined): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined

interface State {
  warned: Set<Channel>
  disabled: Set<Channel>
  deploymentId?: number
  /** The state last posted on the deployment, shown in the comment. */
  deploymentState?: DeploymentState
  commentId?: number
}

class Reporter implements GitHubReporter {
  private readonly octokit: Octokit
  private readonly state: State = { warned: new Set(), disabled: new Set() }

  constructor(private readonly opts: GitHubReporterOptions) {
    this.octokit =
      opts.octokit ??
      createOctokit({
        token: opts.token,
        apiUrl: opts.run.apiUrl,
        log: opts.log,
        fetch: opts.fetch
      })
  }

  private get repo(): { owner: string; repo: string } {
    return { owner: this.opts.run.owner, repo: this.opts.run.repo }
  }

  private request(): { signal: AbortSignal } {
    return { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000) }
  }

  /** Runs one write; a failure is one warning, a 403/404 stops the channel. */
  private async attempt(
    channel: Channel,
    write: () => Promise<string>
  ): Promise<void> {
    const { log, run } = this.opts
    if (this.state.disabled.has(channel)) return
    try {
      log.info(await write())
    } catch (error) {
      if (isPermissionError(error)) this.state.disabled.add(channel)
      const message = describeGitHubError(channel, error, run.pr?.fromFork)
      if (this.state.warned.has(channel)) return log.debug(message)
      this.state.warned.add(channel)
      log.warning(message)
    }
  }

  private async postStatus(
    report: TaskReport,
    state: CommitState,
    description: string
  ): Promise<void> {
    const { commitStatus, run } = this.opts
    if (!commitStatus || !run.sha) return
    const context =
      commitStatus.context ||
      `zadigx/${report.env ? `env/${report.env.envKey}` : report.workflowKey || 'workflow'}`
    await this.attempt(STATUS, async () => {
      await this.octokit.rest.repos.createCommitStatus({
        ...this.repo,
        sha: run.sha,
        state,
        context,
        description,
        target_url: httpUrl(report.taskUrl),
        request: this.request()
      })
      return `GitHub commit status ${context} on ${run.sha.slice(0, 7)}: ${state}`
    })
  }

  private async deployment(report: TaskReport): Promise<number> {
    if (this.state.deploymentId !== undefined) return this.state.deploymentId
    const { run } = this.opts
    const created = await this.octokit.rest.repos.createDeployment({
      ...this.repo,
      ref: run.sha || run.ref,
      environment: this.opts.environment ?? '',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      description: describeLine(
        `ZadigX ${report.projectKey}/${report.env?.envKey ?? report.workflowKey}`
      ),
      payload: {
        zadigx: {
          project_key: report.projectKey,
          workflow_key: report.workflowKey,
          task_id: report.taskId ?? null,
          env_key: report.env?.envKey ?? null
        }
      },
      request: this.request()
    })
    // 202 means GitHub wants to merge first (not with auto_merge off): then
    // there is no deployment to update.
    if (!('id' in created.data))
      throw Object.assign(new Error(NO_DEPLOYMENT), {
        status: created.status,
        response: {}
      })
    this.state.deploymentId = created.data.id
    return created.data.id
  }

  private async postDeployment(
    report: TaskReport,
    state: DeploymentState,
    description: string
  ): Promise<void> {
    const { environment, environmentUrl } = this.opts
    if (!environment) return
    await this.attempt(DEPLOYMENT, async () => {
      const id = await this.deployment(report)
      await this.octokit.rest.repos.createDeploymentStatus({
        ...this.repo,
        deployment_id: id,
        state,
        description,
        log_url: httpUrl(report.taskUrl),
        // An environment operation's own page wins over the job's environment-url.
        environment_url: httpUrl(
          report.env?.address ?? report.env?.url ?? environmentUrl
        ),
        request: this.request()
      })
      this.state.deploymentState = state
      return `GitHub deployment ${id} to ${environment}: ${state}`
    })
  }

  private async postComment(report: TaskReport): Promise<void> {
    const pr = this.opts.run.pr
    if (!this.opts.prComment || !pr) return
    await this.attempt(COMMENT, async () => {
      const target = {
        octokit: this.octokit,
        ...this.repo,
        issueNumber: pr.number,
        signal: () => this.request().signal
      }
      const id = await upsertComment(
        target,
        report,
        this.state.commentId,
        this.commentDeployment()
      )
      this.state.commentId = id
      return `GitHub comment ${id} on pull request #${pr.number} updated`
    })
  }

  /** The deployment as the comment shows it, once GitHub has one. */
  private commentDeployment(): CommentDeployment | undefined {
    const { environment, run } = this.opts
    const state = this.state.deploymentState
    if (!environment || !state) return undefined
    return {
      environment,
      url: `${run.serverUrl}/${run.owner}/${run.repo}/deployments/${encodeURIComponent(environment)}`,
      state
    }
  }

  async started(report: TaskReport): Promise<void> {
    const line = describeStart(report)
    await this.postStatus(report, 'pending', line)
    await this.postDeployment(report, 'in_progress', line)
    await this.postComment(report)
  }

  async finished(report: TaskReport): Promise<void> {
    const line = describeResult(report)
    await this.postStatus(report, commitState(report.result), line)
    // An environment that is gone leaves its deployment inactive.
    const gone = report.env?.status === 'deleted' && report.result === 'success'
    await this.postDeployment(
      report,
      gone ? 'inactive' : deploymentState(report.result),
      line
    )
    await this.postComment(report)
  }
}

const NO_DEPLOYMENT = 'GitHub accepted the deployment without creating it'

/**
 * Builds the reporter for one run. It keeps the deployment and comment it
 * created, so `finished` updates what `started` wrote. Its methods never throw.
 */
export function createGitHubReporter(
  opts: GitHubReporterOptions
): GitHubReporter {
  return new Reporter(opts)
}
