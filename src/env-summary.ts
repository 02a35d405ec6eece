// The environment part of the job summary: the environment's page and status, and
// its services before and after the write. Server text is escaped (summary.ts).
import type { EnvReport, ServiceRow } from './env-report.js'
import { inert, markdownLink } from './summary.js'

// A summary stays readable (and under GitHub's size limit) with a hostile server.
const MAX_ROWS = 50

function images(row: ServiceRow | undefined): string {
  if (!row) return '—'
  const list = row.images.slice(0, 5).map(i => inert(i))
  return list.length ? list.join('<br>') : '—'
}

function status(row: ServiceRow | undefined): string {
  return row ? inert(row.status || '—') : '—'
}

function rows(env: EnvReport): string[] {
  const before = env.before ?? []
  const after = env.after ?? []
  const names = [...new Set([...before, ...after].map(r => r.name))]
  const shown = names.slice(0, MAX_ROWS)
  const lines = shown.map(name => {
    const was = before.find(r => r.name === name)
    const now = after.find(r => r.name === name)
    const cells = env.before
      ? [status(was), images(was), status(now), images(now)]
      : [status(now), images(now)]
    return `| ${inert(name)} | ${cells.join(' | ')} |`
  })
  if (names.length > shown.length)
    lines.push(`| … ${names.length - shown.length} more | |`)
  return lines
}

/** The environment line and its service table (before → after when a write was made). */
export function renderEnvSection(env: EnvReport): string[] {
  const kind = env.production ? 'Production environment' : 'Environment'
  const parts = [
    markdownLink(`${kind} ${inert(env.envKey)}`, env.url),
    `status **${inert(env.status || 'unknown')}**`
  ]
  if (env.previousImage)
    parts.push(`previous image ${inert(env.previousImage)}`)
  if (env.address) parts.push(markdownLink(inert(env.address), env.address))
  if (env.action) parts.push(inert(env.action))
  const lines = [parts.join(' · '), '']
  const body = rows(env)
  if (body.length === 0) return lines
  const head = env.before
    ? [
        '| Service | Status before | Images before | Status after | Images after |',
        '| --- | --- | --- | --- | --- |'
      ]
    : ['| Service | Status | Images |', '| --- | --- | --- |']
  return [...lines, ...head, ...body, '']
}
