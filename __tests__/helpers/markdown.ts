// Markdown read the way GitHub renders it (GFM), for the README checks: fenced
// code, ATX headings, pipe tables and links, looked for outside fenced code.
// Each *Problems function returns what would render wrongly, one line each.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** A fenced code block: its info string (`yaml`), body and first line. */
export interface Fence {
  info: string
  body: string
  line: number
}

/** One line outside fenced code, with its 1-based number. */
export interface ProseLine {
  text: string
  line: number
}

/** A markdown text split into fenced code and the rest. */
export interface Markdown {
  fences: Fence[]
  prose: ProseLine[]
  /** Line of a fence that is never closed (GitHub renders the rest as code). */
  unclosed?: number
}

/** A heading: its level (1 for `#`), text and line. */
export interface Heading {
  level: number
  text: string
  line: number
}

/** A pipe table: its first line and its rows as cells (delimiter row included). */
export interface Table {
  line: number
  rows: string[][]
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/
const DELIMITER = /^:?-+:?$/

/** Splits `text` into fenced code blocks and the lines outside them. */
export function readMarkdown(text: string): Markdown {
  const md: Markdown = { fences: [], prose: [] }
  let open: { marker: string; info: string; line: number; body: string[] }
  let inside = false
  text.split('\n').forEach((raw, index) => {
    const line = index + 1
    const fence = FENCE.exec(raw)
    const marker = fence?.[1] ?? ''
    if (!inside) {
      // A backtick fence's info string cannot hold a backtick (inline code).
      if (!fence || (marker.startsWith('`') && fence[2]?.includes('`')))
        md.prose.push({ text: raw, line })
      else {
        open = { marker, info: (fence[2] ?? '').trim(), line, body: [] }
        inside = true
      }
      return
    }
    const closes =
      fence !== null &&
      marker[0] === open.marker[0] &&
      marker.length >= open.marker.length &&
      (fence[2] ?? '').trim() === ''
    if (!closes) open.body.push(raw)
    else {
      md.fences.push({
        info: open.info,
        body: open.body.join('\n') + '\n',
        line: open.line
      })
      inside = false
    }
  })
  if (inside) md.unclosed = open!.line
  return md
}

/** The ATX headings outside fenced code. */
export function headings(md: Markdown): Heading[] {
  return md.prose.flatMap(({ text, line }) => {
    const match = HEADING.exec(text)
    if (!match) return []
    return [
      { level: (match[1] as string).length, text: match[2] as string, line }
    ]
  })
}

/** Splits a table row into cells at unescaped `|`, as GFM does (also inside code spans). */
export function cells(row: string): string[] {
  const text = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
  return text.split(/(?<!\\)\|/).map(cell => cell.trim())
}

/** The pipe tables outside fenced code: runs of lines that start with `|`. */
export function tables(md: Markdown): Table[] {
  const found: Table[] = []
  let previous = 0
  for (const { text, line } of md.prose) {
    if (!text.trimStart().startsWith('|')) continue
    const last = found.at(-1)
    if (last && previous === line - 1) last.rows.push(cells(text))
    else found.push({ line, rows: [cells(text)] })
    previous = line
  }
  return found
}

/** Fences never closed, which turn the rest of the page into code. */
export function fenceProblems(md: Markdown): string[] {
  return md.unclosed ? [`line ${md.unclosed}: code fence never closed`] : []
}

/** Tables without a delimiter row, rows whose cell count differs from the header's. */
export function tableProblems(md: Markdown, text: string): string[] {
  const lines = text.split('\n')
  const problems: string[] = []
  for (const { line, rows } of tables(md)) {
    const [header = [], delimiter = []] = rows
    if (rows.length < 2 || !delimiter.every(cell => DELIMITER.test(cell)))
      problems.push(`line ${line}: table without a delimiter row (| --- |)`)
    rows.forEach((row, i) => {
      if (row.length !== header.length)
        problems.push(
          `line ${line + i}: ${row.length} cells, the header has ${header.length}`
        )
    })
    // A text line next to a table joins it (after) or hides it (before).
    for (const at of [line - 2, line + rows.length - 1])
      if ((lines[at] ?? '').trim() !== '')
        problems.push(`line ${at + 1}: no blank line around the table`)
  }
  return problems
}

/** One `#` title first, then no level skipped going down, and `# ` with a space. */
export function headingProblems(md: Markdown): string[] {
  const found = headings(md)
  const problems: string[] = []
  if (found[0]?.level !== 1) problems.push('the first heading is not a # title')
  if (found.filter(h => h.level === 1).length > 1)
    problems.push('more than one # title')
  found.forEach((h, i) => {
    const above = found[i - 1]?.level ?? 0
    if (i > 0 && h.level > above + 1)
      problems.push(
        `line ${h.line}: heading jumps from level ${above} to ${h.level}`
      )
  })
  for (const { text, line } of md.prose)
    if (/^#{1,6}[^#\s]/.test(text))
      problems.push(`line ${line}: no space after # (not a heading on GitHub)`)
  return problems
}

/** GitHub's anchor for a heading (github-slugger: drop punctuation, spaces to -). */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** The anchors of a page's headings, with GitHub's -1, -2 for repeats. */
export function anchors(md: Markdown): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const { text } of headings(md)) {
    const base = slug(text)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/** Targets of inline links and images outside code. */
export function links(md: Markdown): { target: string; line: number }[] {
  const text = md.prose.map(p => p.text.replace(/`[^`]*`/g, '')).join('\n')
  const lineOf = (offset: number): number =>
    md.prose[text.slice(0, offset).split('\n').length - 1]?.line ?? 0
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(m => ({
    target: m[1] as string,
    line: lineOf(m.index)
  }))
}

/** Relative links to files that do not exist, and anchors no heading makes. */
export function linkProblems(md: Markdown, file: string): string[] {
  const problems: string[] = []
  for (const { target, line } of links(md)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue
    const [path = '', anchor] = target.split('#')
    const full = path ? resolve(dirname(file), path) : file
    if (!existsSync(full)) {
      problems.push(`line ${line}: ${target} does not exist`)
      continue
    }
    if (anchor === undefined || !full.endsWith('.md')) continue
    const there = path ? readMarkdown(readFileSync(full, 'utf8')) : md
    if (!anchors(there).has(decodeURIComponent(anchor)))
      problems.push(`line ${line}: no heading makes the anchor #${anchor}`)
  }
  return problems
}
