// operation: get-stats — build, deploy, test and release figures of a project
// over a period (docs/zadigx-api.md#statistics; every supported version).
import { resolvePeriod } from '../inputs/period.js'
import { statsData, type StatsReport } from '../stats-report.js'
import { isRouteMissing } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/**
 * operation: get-stats — the figures of `project` from `since` (default 30d back)
 * to `until` (default now). `data`: `{project, since, until, build, deploy, test,
 * release}`, each `{total, success, failed, success_rate, daily}`; the summary
 * shows a table and a chart.
 */
export const getStats = defineOperation({
  name: 'get-stats',
  workflowTypes: ['custom'],
  needs: ['project'],
  reads: ['since', 'until'],
  passes: passes.onSuccess,
  run: readStats
})

async function readStats(
  { client, inputs, clock, log }: DepsOf<'project', 'since' | 'until'>,
  state: OperationState
): Promise<OperationOutcome> {
  const period = resolvePeriod(inputs.since, inputs.until, clock.now())
  if (typeof period === 'string') throw new Error(period)
  const { start, end } = period
  const project = inputs.project
  const [build, deploy, test, release] = await Promise.all([
    client.stats.build(project, start, end),
    client.stats.deploy(project, start, end),
    client.stats.test(project, start, end),
    client.stats.release(project, start, end)
  ]).catch(missingRoute)
  for (const [kind, f] of Object.entries({ build, deploy, test, release }))
    if (f.success > f.total)
      throw new Error(
        `ZadigX answered ${f.success} successful ${kind} runs of ${f.total} (docs/zadigx-api.md#statistics); the figures cannot be shown`
      )
  const report: StatsReport = {
    project,
    period,
    figures: { build, deploy, test, release }
  }
  state.stats = report
  state.data = statsData(report)
  log.info(
    `${project}: ${build.total} builds, ${deploy.total} deployments, ${test.total} test runs, ${release.total} releases`
  )
  return { result: 'success' }
}

function missingRoute(err: unknown): never {
  throw isRouteMissing(err)
    ? new Error(
        'get-stats needs the statistics OpenAPI of Zadig v1.18.0 (ZadigX v1.7) or later (docs/zadigx-api.md#statistics); this server does not have it'
      )
    : err
}
