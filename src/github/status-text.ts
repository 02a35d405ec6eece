// How a task report reads on GitHub: commit status and deployment states and
// the one-line description (GitHub refuses more than 140 characters in a commit
// status's and a deployment status's description).
import { formatDuration } from '../duration.js'
import { scrub } from '../secrets.js'
import { forOneLine } from '../server-text.js'
import type { TaskReport } from '../report.js'
import type { ActionResult } from '../zadig/status.js'

/** A commit status state (POST /repos/{owner}/{repo}/statuses/{sha}). */
export type CommitState = 'pending' | 'success' | 'failure' | 'error'

/** A deployment status state (POST …/deployments/{id}/statuses). */
export type DeploymentState =
  'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/** GitHub's limit on a commit status and a deployment (status) description. */
export const DESCRIPTION_MAX = 140

const COMMIT_STATE: Record<ActionResult, CommitState> = {
  success: 'success',
  failure: 'failure',
  timeout: 'failure',
  rejected: 'failure',
  cancelled: 'error',
  'waiting-approval': 'pending',
  running: 'pending',
  skipped: 'success'
}

/** The commit status state for a result (still going → pending). */
export function commitState(result: ActionResult): CommitState {
  return COMMIT_STATE[result] ?? 'error'
}

/** The deployment status state for a result (still going → in_progress). */
export function deploymentState(result: ActionResult): DeploymentState {
  const state = commitState(result)
  return state === 'pending' ? 'in_progress' : state
}

const OUTCOME: Record<ActionResult, string> = {
  success: 'passed',
  failure: 'failed',
  timeout: 'timed out',
  rejected: 'was rejected',
  cancelled: 'was cancelled',
  'waiting-approval': 'is waiting for approval',
  running: 'is running',
  skipped: 'was skipped (no job ran)'
}

const ENDED: ReadonlySet<ActionResult> = new Set<ActionResult>([
  'success',
  'failure',
  'timeout',
  'rejected',
  'cancelled',
  'skipped'
])

/** A description GitHub accepts: no secret, one line, at most 140 characters. */
export function describeLine(text: string): string {
  // Scrubbed first: a clipped copy of a token would no longer match it.
  return forOneLine(scrub(text).replace(/\s+/g, ' ').trim(), DESCRIPTION_MAX)
}

/** `ZadigX task #12`, before a task exists `ZadigX workflow <key>`, or `ZadigX environment <key>`. */
function taskName(report: TaskReport): string {
  if (report.env) return `ZadigX environment ${report.env.envKey}`
  return report.taskId === undefined
    ? `ZadigX workflow ${report.workflowKey}`
    : `ZadigX task #${report.taskId}`
}

/**
 * The status line, at most 140 characters, e.g.
 * `ZadigX task #12 passed in 4m00s` or `ZadigX task #12 failed after 1m05s: …`.
 */
export function describeResult(report: TaskReport): string {
  const name = taskName(report)
  const time = report.durationSeconds
  let line = `${name} ${OUTCOME[report.result] ?? report.result}`
  if (ENDED.has(report.result) && time !== undefined)
    line += `${report.result === 'success' ? ' in' : ' after'} ${formatDuration(time * 1000, 'clock')}`
  if (report.message && report.result !== 'success')
    line += `: ${report.message}`
  return describeLine(line)
}

/** The status line when the task has just been started. */
export function describeStart(report: TaskReport): string {
  return describeLine(`${taskName(report)} started`)
}
