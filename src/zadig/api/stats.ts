// The statistics OpenAPI (docs/zadigx-api.md#statistics): build, deploy and test
// figures of a project over a period, and release figures from the v2 route.
// Every figure is read as a count; a wrong type or an inexact number is refused.
import {
  AnswerShapeError,
  fieldOf,
  list,
  optionalCount,
  optionalText,
  TEXT_LIMIT,
  record,
  type FieldPath
} from '../decode.js'
import type { ZadigHttp } from '../http.js'

/** The figures of one kind over the period. */
export interface StatFigures {
  total: number
  success: number
  /** Per day, where the server gives them (build, test, release). */
  daily: { date: string; total: number; success: number }[]
}

/** Test figures add the number of cases and the average run time (seconds). */
export interface TestFigures extends StatFigures {
  cases: number
  averageSeconds: number
}

const BASE = '/openapi/statistics'

/** Statistics of one project. */
export class StatsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #statistics: builds (`total`, `success`, `data[]` per day). */
  async build(project: string, start: number, end: number) {
    const body = await this.#get('/build', legacyQuery(project, start, end))
    const o = record(body, 'build')
    return {
      total: count(o, 'build', 'total'),
      success: count(o, 'build', 'success'),
      daily: list(o.data, 'build.data', (row, path) =>
        day(row, path, 'total', 'success')
      )
    }
  }

  /**
   * #statistics: deployments. To v3.0 `total`/`success` cover the period; from v3.1
   * they cover all time and the period is only in the weekly rows (`success`,
   * `failed`, `timeout`), so the figures are summed from those.
   */
  async deploy(project: string, start: number, end: number) {
    const body = await this.#get('/deploy', legacyQuery(project, start, end))
    const o = record(body, 'deploy')
    const rows = list(o.data, 'deploy.data', (row, path) => {
      const r = record(row, path)
      if (!('failed' in r)) return undefined
      const success = count(r, path, 'success')
      return {
        date: fieldOf(r, path, 'date', dateText) ?? '',
        total: safeSum(
          path,
          success,
          count(r, path, 'failed'),
          count(r, path, 'timeout')
        ),
        success
      }
    })
    const weekly = rows.filter(r => r !== undefined)
    if (weekly.length === 0 || weekly.length !== rows.length)
      return {
        total: count(o, 'deploy', 'total'),
        success: count(o, 'deploy', 'success'),
        daily: []
      } satisfies StatFigures
    return {
      total: safeSum('deploy.data', ...weekly.map(r => r.total)),
      success: safeSum('deploy.data', ...weekly.map(r => r.success)),
      daily: weekly
    } satisfies StatFigures
  }

  /** #statistics: tests (`exec_count`, `success_count`, `case_count`, `average_runtime`, `data[]`). */
  async test(project: string, start: number, end: number) {
    const body = await this.#get('/test', legacyQuery(project, start, end))
    const o = record(body, 'test')
    return {
      total: count(o, 'test', 'exec_count'),
      success: count(o, 'test', 'success_count'),
      cases: count(o, 'test', 'case_count'),
      averageSeconds: count(o, 'test', 'average_runtime'),
      daily: list(o.data, 'test.data', (row, path) => {
        const r = record(row, path)
        const success = count(r, path, 'success_count')
        const failed = count(r, path, 'failed_count')
        const timeout = count(r, path, 'timeout_count')
        return {
          date: fieldOf(r, path, 'date', dateText) ?? '',
          total: safeSum(path, success, failed, timeout),
          success
        }
      })
    } satisfies TestFigures
  }

  /** #statistics: releases (`total`, `success_count`, `daily_stat[]`); its own query names. */
  async release(project: string, start: number, end: number) {
    const body = await this.#get('/v2/release', {
      startTime: start,
      endTime: end,
      projectKey: project
    })
    const o = record(body, 'release')
    return {
      total: count(o, 'release', 'total'),
      success: count(o, 'release', 'success_count'),
      daily: list(o.daily_stat, 'release.daily_stat', (row, path) =>
        day(row, path, 'total', 'success_count')
      )
    } satisfies StatFigures
  }

  #get(path: string, query: Record<string, string | number>): Promise<unknown> {
    return this.http.request<unknown>('GET', `${BASE}${path}`, {
      query,
      idempotent: true
    })
  }
}

// build, deploy and test name the period startDate/endDate (Unix seconds).
function legacyQuery(project: string, start: number, end: number) {
  return { startDate: start, endDate: end, projectKey: project }
}

function count(o: Record<string, unknown>, path: FieldPath, key: string) {
  return fieldOf(o, path, key, optionalCount) ?? 0
}

function day(row: unknown, path: FieldPath, total: string, success: string) {
  const r = record(row, path)
  return {
    date: fieldOf(r, path, 'date', dateText) ?? '',
    total: count(r, path, total),
    success: count(r, path, success)
  }
}

function safeSum(path: FieldPath, ...parts: number[]): number {
  const sum = parts.reduce((a, b) => a + b, 0)
  if (Number.isSafeInteger(sum)) return sum
  throw new AnswerShapeError(path, sum, 'counts whose sum is exact')
}

const dateText = (v: unknown, path: FieldPath) =>
  optionalText(v, path, TEXT_LIMIT.name)
