// scripts/check-dist.mjs: what makes the dist check in `npm test` fail.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareBuilds } from '../../scripts/check-dist.mjs'

let root: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'zadigx-check-dist-'))
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name)
  mkdirSync(dir)
  for (const [file, text] of Object.entries(files))
    writeFileSync(join(dir, file), text)
  return dir
}

const GOOD = { 'index.js': 'export {}\n', 'post.js': 'await 0\n' }

describe('compareBuilds', () => {
  it('accepts a dist/ identical to a fresh build', () => {
    expect(compareBuilds(folder('fresh', GOOD), folder('dist', GOOD))).toEqual(
      []
    )
  })

  it('rejects a bundle with webpackMissingModule stubs', () => {
    const broken = {
      ...GOOD,
      '12.index.js': 'function webpackMissingModule() { throw 1 }'
    }
    expect(
      compareBuilds(folder('fresh', broken), folder('dist', broken))
    ).toEqual([
      'dist/12.index.js contains webpackMissingModule (broken ESM import)'
    ])
  })

  it('rejects a stale, missing or extra file', () => {
    const fresh = folder('fresh', { ...GOOD, 'licenses.txt': 'MIT' })
    const dist = folder('dist', {
      'index.js': 'export const old = 1\n',
      'old.index.js': ''
    })
    expect(compareBuilds(fresh, dist).sort()).toEqual([
      'dist/index.js differs from a fresh build',
      'dist/licenses.txt is missing',
      'dist/old.index.js is not produced by the build',
      'dist/post.js is missing'
    ])
  })

  it('rejects Octokit in the start-up bundle', () => {
    const files = { ...GOOD, 'index.js': '// node_modules/octokit-rest.js/x' }
    expect(
      compareBuilds(folder('fresh', files), folder('dist', files))
    ).toEqual([expect.stringContaining('loads @octokit/rest at start-up')])
  })
})
