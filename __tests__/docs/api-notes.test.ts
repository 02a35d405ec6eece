// docs/zadigx-api.md is where the code's facts about the server come from: every
// section the code cites exists, the route table is well formed, and every citation
// names a tag of the Zadig repository.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiNotes, notedRoutes, sectionIds } from '../helpers/api-notes.js'

const ROOT = new URL('../../', import.meta.url).pathname

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap(
    entry => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return sourceFiles(path)
      return /\.(ts|mjs|md)$/.test(entry.name) ? [path] : []
    }
  )
}

const CITED = /docs\/zadigx-api\.md((?:#[a-z0-9-]+(?:, )?)+)/g
// A bare `#id:` at the start of a client method's comment cites the same notes.
const METHOD_NOTE = /\/?\*\*? #([a-z0-9-]+):/g

describe('docs/zadigx-api.md', () => {
  const ids = sectionIds()

  it('has a section for every id the code and the simulator cite', () => {
    const missing: string[] = []
    const files = [
      ...sourceFiles('src'),
      ...sourceFiles('simulator'),
      'README.md'
    ]
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8')
      for (const match of text.matchAll(CITED)) {
        for (const [, id] of match[1]!.matchAll(/#([a-z0-9-]+)/g))
          if (!ids.has(id!)) missing.push(`${file}: #${id}`)
      }
      for (const match of text.matchAll(METHOD_NOTE))
        if (!ids.has(match[1]!)) missing.push(`${file}: #${match[1]}`)
    }
    expect(missing).toEqual([])
  })

  it('is cited from the code (the comments point at it)', () => {
    const text = sourceFiles('src')
      .map(file => readFileSync(join(ROOT, file), 'utf8'))
      .join('\n')
    expect([...text.matchAll(CITED)].length).toBeGreaterThan(20)
  })

  it('has a route table whose rows name a section and a method', () => {
    const routes = notedRoutes()
    expect(routes.length).toBeGreaterThan(20)
    for (const route of routes) {
      expect(ids).toContain(route.id)
      expect(route.method).toMatch(/^(GET|POST|PUT|DELETE)$/)
      expect(route.path).toMatch(/^\//)
      expect(route.since).toMatch(/^v\d+\.\d+\.\d+$/)
    }
  })

  it('cites only tags of koderover/zadig, with a path', () => {
    const tags = new Set(
      'v1.17.0 v1.18.0 ee-1.8.0 v2.0.0 v2.1.0 v2.2.0 v2.3.0 v2.3.1 v3.0.0 v3.1.0 v3.2.0 v3.2.1 v3.3.0 v3.4.0 v3.4.1 v4.0.0 v4.1.0 v4.2.0 v4.2.1 v4.3.0 v5.0.0'.split(
        ' '
      )
    )
    const cited = [...apiNotes().matchAll(/koderover\/zadig@([\w.-]+?):/g)]
    expect(cited.length).toBeGreaterThan(300)
    const unknown = cited.map(m => m[1]!).filter(tag => !tags.has(tag))
    expect([...new Set(unknown)]).toEqual([])
  })
})
