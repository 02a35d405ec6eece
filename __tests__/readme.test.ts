// The README is the interface's documentation: it must list every input and output of
// action.yml, and every example step must use only inputs that exist.
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionYml {
  inputs: Record<string, { default?: unknown }>
  outputs: Record<string, unknown>
}

const root = new URL('../', import.meta.url)
const action = parse(
  readFileSync(new URL('action.yml', root), 'utf8')
) as ActionYml
const READMES = ['README.md']

function tableRows(text: string, heading: string): Map<string, string> {
  const section = text.split(/^## /m).find(s => s.startsWith(heading)) ?? ''
  const rows = new Map<string, string>()
  for (const match of section.matchAll(/^\| `([a-z-]+)` \|(.*)$/gm))
    rows.set(match[1] as string, match[2] as string)
  return rows
}

function exampleSteps(text: string): Record<string, unknown>[] {
  const steps: Record<string, unknown>[] = []
  for (const block of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const doc = parse(block[1] as string) as {
      jobs?: Record<string, { steps?: Record<string, unknown>[] }>
    }
    for (const job of Object.values(doc.jobs ?? {}))
      for (const step of job.steps ?? [])
        if (String(step.uses ?? '').includes('zadigx-action')) steps.push(step)
  }
  return steps
}

describe.each(READMES)('%s', file => {
  const text = readFileSync(new URL(file, root), 'utf8')

  it('lists every input of action.yml with its default', () => {
    const rows = tableRows(text, 'Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [name, spec] of Object.entries(action.inputs))
      if (spec.default !== undefined)
        expect(rows.get(name)).toContain(`\`${String(spec.default)}\``)
  })

  it('lists every output of action.yml', () => {
    const rows = tableRows(text, 'Outputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('has examples whose steps use only inputs that exist', () => {
    const steps = exampleSteps(text)
    expect(steps.length).toBeGreaterThanOrEqual(4)
    for (const step of steps)
      for (const name of Object.keys((step.with ?? {}) as object))
        expect(Object.keys(action.inputs)).toContain(name)
  })
})

describe('examples/ and .github/workflows/', () => {
  const files = [
    ...readdirSync(new URL('examples/', root)).map(f => `examples/${f}`),
    ...readdirSync(new URL('.github/workflows/', root)).map(
      f => `.github/workflows/${f}`
    )
  ]

  it.each(files)(
    '%s is a workflow whose action steps use existing inputs',
    file => {
      const doc = parse(readFileSync(new URL(file, root), 'utf8')) as {
        on?: unknown
        jobs?: Record<string, { steps?: Record<string, unknown>[] }>
      }
      expect(doc.on).toBeDefined()
      expect(Object.keys(doc.jobs ?? {}).length).toBeGreaterThan(0)
      for (const job of Object.values(doc.jobs ?? {}))
        for (const step of job.steps ?? []) {
          const uses = String(step.uses ?? '')
          if (uses !== './' && !uses.includes('zadigx-action')) continue
          for (const name of Object.keys((step.with ?? {}) as object))
            expect(Object.keys(action.inputs)).toContain(name)
        }
    }
  )
})
