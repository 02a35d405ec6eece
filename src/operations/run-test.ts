// operation: run-test — starts a task of a project's test and follows it to its end
// (docs/zadigx-api.md#test-tasks; every supported version). The start is sent once:
// a lost answer is never sent again.
import { untrusted } from '../log.js'
import type { QualityReport } from '../quality-summary.js'
import type { TestTaskDetail, TestTotals } from '../zadig/api/quality.js'
import { testTaskUrl } from '../zadig/links.js'
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

type Deps = DepsOf<'project' | 'test'>

/**
 * operation: run-test — runs test `test` of `project`; with `wait` (the default) it
 * follows the task and fails the step unless it passed with no failed case.
 * `data`: the task and its totals.
 */
export const runTest = defineOperation({
  name: 'run-test',
  workflowTypes: ['custom'],
  needs: ['project', 'test'],
  passes: passes.whenStartedOrFollowed,
  run: startAndFollow
})

async function startAndFollow(
  deps: Deps,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, log, signal } = deps
  state.workflowKey = inputs.test
  state.workflowName = inputs.test
  const cancelled = cancelledBeforeStart('test', signal)
  if (cancelled) return cancelled
  const id = await startOnce(deps, 'test', inputs.test, '', () =>
    deps.client.quality.startTest(inputs.project, inputs.test, signal)
  )
  state.taskId = id
  state.taskUrl = testTaskUrl(inputs.url, inputs.project, inputs.test, id)
  log.info(`Test ${inputs.test} started as task #${id}: ${state.taskUrl}`)
  if (!inputs.wait) {
    show(deps, state, { task_id: id, status: 'created' })
    return { result: 'running' }
  }
  return followTest(deps, state, id)
}

async function followTest(
  deps: Deps,
  state: OperationState,
  id: number
): Promise<OperationOutcome> {
  const { client, inputs } = deps
  const end = await followQualityTask(
    deps,
    'test',
    id,
    s => client.quality.testTask(inputs.project, inputs.test, id, s),
    t => show(deps, state, t)
  )
  return outcomeOf(end)
}

// What the outputs, `data` and the summary show of a task read.
function show(
  { inputs }: Deps,
  state: OperationState,
  task: TestTaskDetail
): void {
  state.task = asTaskDetail(inputs.project, inputs.test, task)
  const totals = task.test_report ? totalsOf(task.test_report) : undefined
  state.data = {
    test: inputs.test,
    task_id: task.task_id,
    status: task.status,
    creator: task.creator,
    create_time: task.create_time,
    start_time: task.start_time,
    end_time: task.end_time,
    ...(totals ? { totals } : {})
  }
  state.quality = qualityOf(state, task, totals)
}

interface Totals {
  total?: number
  passed?: number
  failed?: number
  errors?: number
  skipped?: number
  seconds?: number
}

function totalsOf(report: TestTotals): Totals {
  return {
    total: report.test_total,
    passed: report.success_total,
    failed: report.failure_total,
    errors: report.error_total,
    skipped: report.skiped_total,
    seconds: report.time
  }
}

const LABELS: [keyof Totals, string][] = [
  ['total', 'Cases'],
  ['passed', 'Passed'],
  ['failed', 'Failed'],
  ['errors', 'Errors'],
  ['skipped', 'Skipped'],
  ['seconds', 'Seconds']
]

function qualityOf(
  state: OperationState,
  task: TestTaskDetail,
  totals: Totals | undefined
): QualityReport {
  const rows: QualityReport['totals'] = []
  for (const [key, label] of LABELS) {
    const value = totals?.[key]
    if (value !== undefined) rows.push([label, value])
  }
  const report: QualityReport = {
    title: `Test ${state.workflowKey} #${task.task_id}`,
    url: state.taskUrl,
    totals: rows
  }
  if (!totals && isTerminal(task.status))
    report.note =
      'ZadigX reports the totals of a passed test task only; the task page has the rest.'
  return report
}

function outcomeOf(end: QualityEnd<TestTaskDetail>): OperationOutcome {
  const unfinished = unfinishedOutcome('test', end)
  if (unfinished) return unfinished
  const { last } = end
  const status = untrusted(last?.status || 'unread')
  const result = resultOf(last?.status)
  if (result !== 'success')
    return { result, message: `the test task ended ${status}` }
  const report = last?.test_report
  const failed = (report?.failure_total ?? 0) + (report?.error_total ?? 0)
  if (failed > 0)
    return {
      result: 'failure',
      message: `the test task passed but ${failed} case(s) failed or errored`
    }
  return { result: 'success' }
}
