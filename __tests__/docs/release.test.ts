// Releases: the version in package.json has its CHANGELOG section (the release workflow
// publishes that section as the release notes), and the workflow moves the major tag.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const root = new URL('../../', import.meta.url)
const text = (file: string) => readFileSync(new URL(file, root), 'utf8')

describe('release', () => {
  const { version } = JSON.parse(text('package.json')) as { version: string }

  it('has a semantic version with a CHANGELOG section', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(text('CHANGELOG.md')).toMatch(
      new RegExp(
        `^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`,
        'm'
      )
    )
  })

  it('publishes from version tags, checks dist and moves the major tag', () => {
    const workflow = parse(text('.github/workflows/release.yml')) as {
      on: { push: { tags: string[] } }
      jobs: { release: { steps: { run?: string }[] } }
    }
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    const scripts = workflow.jobs.release.steps.map(s => s.run ?? '').join('\n')
    expect(scripts).toContain('npm test')
    expect(scripts).toMatch(/git tag -f "\$major"/)
    expect(scripts).toContain('gh release create')
  })
})
