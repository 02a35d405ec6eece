// The figures the statistics OpenAPI answers (docs/zadigx-api.md#statistics), per
// project. A test may set `answers` to send a route's body as it is (a hostile server).

/** One day of a kind's figures. */
export interface SimStatDay {
  date: string
  success: number
  failed: number
  timeout: number
}

/** A project's figures over every day the store knows. */
export interface SimProjectStats {
  builds: SimStatDay[]
  deploys: SimStatDay[]
  tests: SimStatDay[]
  releases: SimStatDay[]
  testCases: number
  testAverageSeconds: number
}

export type StatRoute = 'build' | 'deploy' | 'test' | 'release'

/** The statistics of every project, and bodies that replace the routes' answers. */
export class StatsStore {
  readonly projects = new Map<string, SimProjectStats>()
  /** A body sent as it is instead of the route's answer (raw, untyped). */
  readonly answers: Partial<Record<StatRoute, unknown>> = {}
}

/** project demo: a few days of figures in January 2026. */
export function defaultStats(): StatsStore {
  const store = new StatsStore()
  const day = (date: string, success: number, failed: number, timeout = 0) => ({
    date,
    success,
    failed,
    timeout
  })
  store.projects.set('demo', {
    builds: [day('2026-01-05', 8, 2), day('2026-01-06', 10, 0, 1)],
    deploys: [
      day('2025-11-03', 5, 0),
      day('2026-01-05', 4, 1),
      day('2026-01-06', 3, 0)
    ],
    tests: [day('2026-01-05', 20, 3, 1), day('2026-01-06', 15, 1)],
    releases: [day('2026-01-06', 2, 1)],
    testCases: 42,
    testAverageSeconds: 95
  })
  return store
}

/** The days of `days` inside [start, end] (Unix seconds, UTC dates). */
export function within(
  days: SimStatDay[],
  start: number,
  end: number
): SimStatDay[] {
  return days.filter(d => {
    const t = Date.parse(`${d.date}T00:00:00Z`) / 1000
    return (start === 0 || t >= start - 86_399) && (end === 0 || t <= end)
  })
}
