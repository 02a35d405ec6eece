// The totals part of the job summary for test and scan tasks: one row per count the
// server reported, and the task's page. Server text is escaped (summary.ts).
import { inert, markdownLink } from './summary.js'

/** What a test or scan task reported, as the summary shows it. */
export interface QualityReport {
  /** `Test api-unit #12`: the link text of the task's page. */
  title: string
  url?: string
  /** Label and count, in order; a count the server did not report is left out. */
  totals: [label: string, value: number | string][]
  /** Why there are no totals (the server gives them only for a passed task). */
  note?: string
  /** The table's column names; `Total`, `Count` when left out. */
  columns?: [string, string]
  /** Further pages (a scan's result in its scanner): label and server URL. */
  links?: [label: string, url: string][]
}

/** The task line and its totals table. */
export function renderQualitySection(quality: QualityReport): string[] {
  const lines = [markdownLink(inert(quality.title), quality.url), '']
  if (quality.note) lines.push(inert(quality.note), '')
  for (const [label, url] of quality.links ?? [])
    lines.push(`- ${markdownLink(inert(label), url)}`, '')
  if (quality.totals.length === 0) return lines
  return [
    ...lines,
    `| ${(quality.columns ?? ['Total', 'Count']).map(inert).join(' | ')} |`,
    '| --- | --- |',
    ...quality.totals.map(
      ([label, value]) => `| ${inert(label)} | ${inert(String(value))} |`
    ),
    ''
  ]
}
