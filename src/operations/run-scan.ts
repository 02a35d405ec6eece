// operation: run-scan — starts a task of a project's code scan and follows it to its
// end (docs/zadigx-api.md#scan-tasks; every supported version). The start is sent
// once: a lost answer is never sent again.
import { scanRefOf } from '../github/event-ref.js'
import { untrusted } from '../log.js'
import type { QualityReport } from '../quality-summary.js'
import type { ScanRepo, ScanTaskDetail } from '../zadig/api/quality.js'
import { scanTaskUrl } from '../zadig/links.js'
import { isTerminal, resultOf } from '../zadig/status.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'
import {
  asTaskDetail,
  cancelledBeforeStart,
  followQualityTask,
  startOnce,
  unfinishedOutcome,
  type QualityEnd
} from './quality-task.js'

type Deps = DepsOf<'project' | 'scan', 'scanRepos' | 'parameters'>

/**
 * operation: run-scan — runs code scan `scan` of `project` on the repository of
 * `inputs` with the variables of `parameters`; with `wait` (the default) it follows
 * the task and fails the step unless it passed (a failed quality gate fails the task).
 * `data`: the task, its repositories and the scanner's result link.
 */
export const runScan = defineOperation({
  name: 'run-scan',
  workflowTypes: ['custom'],
  needs: ['project', 'scan'],
  reads: ['scanRepos', 'parameters'],
  passes: passes.whenStartedOrFollowed,
  run: startAndFollow
})

async function startAndFollow(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, log, signal } = deps
  state.workflowKey = inputs.scan
  state.workflowName = inputs.scan
  const cancelled = cancelledBeforeStart('scan', signal)
  if (cancelled) return cancelled
  const repos = inputs.scanRepos ?? fromGitHubRef(deps)
  if (inputs.scanRepos && inputs.useGithubRef)
    log.info(
      'use-github-ref: inputs names the repository to scan, so it is scanned as written'
    )
  if (repos.length === 0)
    log.info(
      'No repository in inputs: ZadigX runs the scan with no repository checked out (it does not fall back to the scan’s own).'
    )
  const id = await start(deps, repos)
  state.taskId = id
  state.taskUrl = scanTaskUrl(inputs.url, inputs.project, inputs.scan, id)
  log.info(`Scan ${inputs.scan} started as task #${id}: ${state.taskUrl}`)
  if (!inputs.wait) {
    show(deps, state, { task_id: id, status: 'created', repo_info: [] }, repos)
    return { result: 'running' }
  }
  return followScan(deps, state, id, repos)
}

/** use-github-ref without `inputs`: this repository at the event's ref; else none. */
function fromGitHubRef({ inputs, github, log }: Deps): ScanRepo[] {
  if (!inputs.useGithubRef || !github) return []
  const ref = scanRefOf(github)
  if ('problem' in ref) throw new Error(ref.problem)
  log.info(`use-github-ref: ${untrusted(ref.note)}`)
  return [ref.repo]
}

function start(deps: Deps, repos: ScanRepo[]): Promise<number> {
  const { client, inputs, signal } = deps
  const kvs = Object.entries(inputs.parameters ?? {}).map(([key, value]) => ({
    key,
    value
  }))
  return startOnce(
    deps,
    'scan',
    inputs.scan,
    ` (project ${inputs.project}, Code scans)`,
    () =>
      client.quality.startScan(
        inputs.project,
        inputs.scan,
        { scan_repos: repos, scan_kvs: kvs },
        signal
      )
  )
}

async function followScan(
  deps: Deps,
  state: OperationState,
  id: number,
  repos: ScanRepo[]
): Promise<OperationOutcome> {
  const { client, inputs } = deps
  const end = await followQualityTask(
    deps,
    'scan',
    id,
    s => client.quality.scanTask(inputs.project, inputs.scan, id, s),
    t => show(deps, state, t, repos)
  )
  return outcomeOf(end, repos)
}

// The requested repositories the task did not check out (the server's first-repo
// match, #scan-tasks). Known only once the task's repositories were read.
function droppedOf(task: ScanTaskDetail, repos: ScanRepo[]): ScanRepo[] {
  if (task.status === 'created' && task.repo_info.length === 0) return []
  return repos.filter(
    r =>
      !task.repo_info.some(
        t => t.repo_name === r.repo_name && t.repo_owner === r.repo_owner
      )
  )
}

// What the outputs, `data` and the summary show of a task read.
function show(
  { inputs }: Deps,
  state: OperationState,
  task: ScanTaskDetail,
  repos: ScanRepo[]
): void {
  state.task = asTaskDetail(inputs.project, inputs.scan, task)
  const dropped = droppedOf(task, repos)
  state.data = {
    scan: inputs.scan,
    task_id: task.task_id,
    status: task.status,
    creator: task.creator,
    create_time: task.create_time,
    end_time: task.end_time,
    result_link: task.result_link,
    repos: task.repo_info,
    ...(dropped.length ? { dropped_repos: dropped } : {})
  }
  state.quality = qualityOf(state, task, dropped)
}

function qualityOf(
  state: OperationState,
  task: ScanTaskDetail,
  dropped: ScanRepo[]
): QualityReport {
  const totals: QualityReport['totals'] = [['Status', task.status || 'queued']]
  for (const repo of task.repo_info)
    totals.push([
      `Repository ${repo.repo_owner ?? ''}/${repo.repo_name ?? ''}`,
      repo.branch ?? ''
    ])
  const report: QualityReport = {
    title: `Scan ${state.workflowKey} #${task.task_id}`,
    url: state.taskUrl,
    columns: ['Scan task', 'Value'],
    totals
  }
  if (task.result_link) report.links = [['Scanner result', task.result_link]]
  if (dropped.length)
    report.note = `ZadigX did not check out ${dropped.map(r => `${r.repo_owner}/${r.repo_name}`).join(', ')}: it keeps a repository of the start only when it is the scan's first one.`
  else if (isTerminal(task.status))
    report.note =
      'ZadigX reports no issue counts or gate result through its OpenAPI: a failed quality gate fails the task; the scanner result has the rest.'
  return report
}

function outcomeOf(
  end: QualityEnd<ScanTaskDetail>,
  repos: ScanRepo[]
): OperationOutcome {
  const unfinished = unfinishedOutcome('scan', end)
  if (unfinished) return unfinished
  const { last } = end
  const status = untrusted(last?.status || 'unread')
  const result = resultOf(last?.status)
  if (result !== 'success')
    return {
      result,
      message: `the scan task ended ${status} (a failed quality gate fails the task; see the scanner result)`
    }
  const dropped = last ? droppedOf(last, repos) : []
  if (dropped.length)
    return {
      result: 'failure',
      message: `the scan task passed without the repository asked for (${dropped.map(r => untrusted(`${r.repo_owner}/${r.repo_name}`)).join(', ')}): ZadigX keeps only a repository that is the scan's first one`
    }
  return { result: 'success' }
}
