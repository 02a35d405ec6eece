// The statistics OpenAPI (docs/zadigx-api.md#statistics), mounted at
// /openapi/statistics in every profile (stat/handler/router.go, v1.18.0:85-94):
// build, deploy and test take startDate/endDate, the v2 release route
// startTime/endTime, which it requires, in order and at most 365 days apart.
import { queryInt } from './bind.js'
import { invalidParam } from './errors.js'
import type { Route, SimRequest } from './http.js'
import type { Profile } from './profiles.js'
import { ok } from './response.js'
import type { SimResponse } from './response.js'
import {
  within,
  type SimProjectStats,
  type SimStatDay,
  type StatRoute,
  type StatsStore
} from './stats.js'

const BASE = '/openapi/statistics'

const EMPTY: SimProjectStats = {
  builds: [],
  deploys: [],
  tests: [],
  releases: [],
  testCases: 0,
  testAverageSeconds: 0
}

type Figures = (days: SimStatDay[], stats: SimProjectStats) => unknown

/** The statistics routes of this profile. */
export function statsRoutes(profile: Profile, store: StatsStore): Route[] {
  const route = (
    name: StatRoute,
    path: string,
    range: (req: SimRequest) => [number, number] | SimResponse,
    days: (s: SimProjectStats) => SimStatDay[],
    figures: Figures
  ): Route => ({
    method: 'GET',
    pattern: `${BASE}${path}`,
    handler: req => {
      const period = range(req)
      if (!Array.isArray(period)) return period
      if (name in store.answers) return ok(store.answers[name])
      const stats = store.projects.get(req.query.projectKey ?? '') ?? EMPTY
      return ok(figures(within(days(stats), ...period), stats))
    }
  })
  return [
    route('build', '/build', dateRange, s => s.builds, buildBody),
    route('deploy', '/deploy', dateRange, s => s.deploys, deployBody(profile)),
    route('test', '/test', dateRange, s => s.tests, testBody),
    route('release', '/v2/release', timeRange, s => s.releases, releaseBody)
  ]
}

// form:"startDate,default=0": a missing one is 0 (everything); text is refused.
function dateRange(req: SimRequest): [number, number] | SimResponse {
  const start = queryInt(req.query.startDate, 0)
  const end = queryInt(req.query.endDate, 0)
  if (start === undefined || end === undefined)
    return invalidParam('strconv.ParseInt: parsing: invalid syntax')
  return [start, end]
}

// getStatReqV2.Validate (stat/handler/openapi.go).
function timeRange(req: SimRequest): [number, number] | SimResponse {
  const start = queryInt(req.query.startTime, 0)
  const end = queryInt(req.query.endTime, 0)
  if (start === undefined || end === undefined)
    return invalidParam('strconv.ParseInt: parsing: invalid syntax')
  if (start === 0 || end === 0)
    return invalidParam('starTime and endTime is empty')
  if (end < start) return invalidParam('invalid time range')
  if (end - start > 60 * 60 * 24 * 365)
    return invalidParam('time range should be less than 365 days')
  return [start, end]
}

const sum = (days: SimStatDay[], f: (d: SimStatDay) => number) =>
  days.reduce((n, d) => n + f(d), 0)
const all = (d: SimStatDay) => d.success + d.failed + d.timeout

function buildBody(days: SimStatDay[]): unknown {
  return {
    total: sum(days, all),
    success: sum(days, d => d.success),
    data: days.map(d => ({
      date: d.date,
      success: d.success,
      failure: d.failed + d.timeout,
      total: all(d)
    }))
  }
}

// From v3.1 total/success are over all time (GetDeployJobsStats(0, 0, …)), the rows
// over the period (service/deploy_stat_v2.go GetDeployDashboard).
function deployBody(profile: Profile): Figures {
  const weekly = profile.deployStatRows === 'weekly'
  return (days, stats) => ({
    total: sum(weekly ? stats.deploys : days, all),
    success: sum(weekly ? stats.deploys : days, d => d.success),
    data:
      profile.deployStatRows === 'daily'
        ? days.map(d => ({
            date: d.date,
            success: d.success,
            failure: d.failed + d.timeout,
            total: all(d)
          }))
        : days.map(d => ({
            production: false,
            success: d.success,
            rollback: 0,
            failed: d.failed,
            timeout: d.timeout,
            date: d.date,
            create_time: 0,
            update_time: 0
          }))
  })
}

function testBody(days: SimStatDay[], stats: SimProjectStats): unknown {
  return {
    case_count: stats.testCases,
    exec_count: sum(days, all),
    success_count: sum(days, d => d.success),
    average_runtime: stats.testAverageSeconds,
    data: days.map(d => ({
      date: d.date,
      success_count: d.success,
      timeout_count: d.timeout,
      failed_count: d.failed
    }))
  }
}

function releaseBody(days: SimStatDay[]): unknown {
  return {
    total: sum(days, all),
    success_count: sum(days, d => d.success),
    daily_stat: days.map(d => ({
      date: d.date,
      total: all(d),
      success_count: d.success,
      fail_count: d.failed + d.timeout
    }))
  }
}
