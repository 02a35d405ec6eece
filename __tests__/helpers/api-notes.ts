// Reads docs/zadigx-api.md: its section ids and its route table, for the tests that
// hold the code (and the simulator) to the notes.
import { readFileSync } from 'node:fs'

/** One row of the notes' route table. */
export interface NotedRoute {
  id: string
  method: string
  /** With `:name` placeholders. */
  path: string
  since: string
  /** Last tag that serves it; undefined = still served at the newest tag. */
  until?: string
  query: string[]
  /** Top-level JSON body names, or ['yaml'] for a YAML body. */
  body: string[]
}

const NOTES = new URL('../../docs/zadigx-api.md', import.meta.url)

/** The notes' text. */
export function apiNotes(): string {
  return readFileSync(NOTES, 'utf8')
}

/** The ids of the level-2 sections (`## <id>: …`). */
export function sectionIds(text = apiNotes()): Set<string> {
  return new Set([...text.matchAll(/^## ([a-z0-9-]+):/gm)].map(m => m[1]!))
}

const names = (cell: string): string[] =>
  cell.trim() === '—' ? [] : cell.split(',').map(n => n.trim())

/** The rows of the table under `## routes:`. */
export function notedRoutes(text = apiNotes()): NotedRoute[] {
  const start = text.indexOf('\n## routes:')
  const end = text.indexOf('\n## ', start + 1)
  const rows = text
    .slice(start, end)
    .split('\n')
    .filter(line => /^\| [a-z]/.test(line) && !line.startsWith('| id '))
  return rows.map(line => {
    const cells = line.split('|').slice(1, -1)
    const [id, method, path, since, until, query, body] = cells.map(c =>
      c.trim()
    )
    return {
      id: id!,
      method: method!,
      path: path!,
      since: since!,
      until: until === '…' ? undefined : until,
      query: names(query!),
      body: names(body!)
    }
  })
}

/** Compares two tags like v3.4.1 and ee-1.8.0 (ee-1.8.0 sits between v1.18.0 and v2.0.0). */
export function compareTags(a: string, b: string): number {
  const parts = (tag: string): number[] =>
    tag.startsWith('ee-')
      ? [1, 18, 5]
      : tag.replace(/^v/, '').split('.').map(Number)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** True when `route` is served at `tag`. */
export function servedAt(route: NotedRoute, tag: string): boolean {
  return (
    compareTags(route.since, tag) <= 0 &&
    (route.until === undefined || compareTags(tag, route.until) <= 0)
  )
}

/** A regular expression for the route's path (`:name` matches one segment). */
export function pathPattern(route: NotedRoute): RegExp {
  const source = route.path
    .split('/')
    .map(seg =>
      seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    )
    .join('/')
  return new RegExp(`^${source}$`)
}
