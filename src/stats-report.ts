// What get-stats reports (docs/zadigx-api.md#statistics): the figures as `data`
// shows them, and the job summary's table and chart. The summary holds numbers
// that were read as counts and words of our own; nothing the server wrote is in it.
import { iso, type Period } from './inputs/period.js'
import type { StatFigures, TestFigures } from './zadig/api/stats.js'

/** The four kinds, in the order the table and the chart show them. */
export const STAT_KINDS = ['build', 'deploy', 'test', 'release'] as const
export type StatKind = (typeof STAT_KINDS)[number]

/** The figures of a project over a period. */
export interface StatsReport {
  project: string
  period: Period
  figures: Record<StatKind, StatFigures> & { test: TestFigures }
}

/** One kind as `data` shows it. */
export interface ShownFigures {
  total: number
  success: number
  failed: number
  /** success / total, from 0 to 1 (null with no runs). */
  success_rate: number | null
  daily: StatFigures['daily']
}

/** `data`: `{project, since, until, build, deploy, test, release}`. */
export function statsData(report: StatsReport) {
  const kinds = Object.fromEntries(
    STAT_KINDS.map(kind => [kind, shown(report.figures[kind])])
  ) as Record<StatKind, ShownFigures>
  const { cases, averageSeconds } = report.figures.test
  return {
    project: report.project,
    since: iso(report.period.start),
    until: iso(report.period.end),
    ...kinds,
    test: { ...kinds.test, cases, average_seconds: averageSeconds }
  }
}

function shown(f: StatFigures): ShownFigures {
  return {
    total: f.total,
    success: f.success,
    failed: Math.max(0, f.total - f.success),
    success_rate: f.total > 0 ? round(f.success / f.total, 4) : null,
    daily: f.daily
  }
}

const round = (n: number, places: number): number =>
  Math.round(n * 10 ** places) / 10 ** places

const LABEL: Record<StatKind, string> = {
  build: 'Builds',
  deploy: 'Deployments',
  test: 'Tests',
  release: 'Releases'
}

/** The summary's section: the period, a table, and a mermaid bar chart. */
export function renderStatsSection(report: StatsReport): string[] {
  const rows = STAT_KINDS.map(kind => {
    const f = shown(report.figures[kind])
    const rate =
      f.success_rate === null ? '–' : `${round(f.success_rate * 100, 1)}%`
    return `| ${LABEL[kind]} | ${f.total} | ${f.success} | ${f.failed} | ${rate} |`
  })
  const totals = STAT_KINDS.map(k => report.figures[k].total)
  const successes = STAT_KINDS.map(k => report.figures[k].success)
  const top = Math.max(1, ...totals)
  return [
    `**Period:** ${iso(report.period.start)} to ${iso(report.period.end)}`,
    '',
    '| | Runs | Succeeded | Failed | Success rate |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '```mermaid',
    'xychart-beta',
    '  title "Runs (bar) and successes (line)"',
    `  x-axis [${STAT_KINDS.map(k => `"${LABEL[k]}"`).join(', ')}]`,
    `  y-axis "Count" 0 --> ${top}`,
    `  bar [${totals.join(', ')}]`,
    `  line [${successes.join(', ')}]`,
    '```',
    ''
  ]
}
