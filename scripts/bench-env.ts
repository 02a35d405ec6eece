// The environment `npm run bench` runs the bundle in: the runner's INPUT_* variables
// (action.yml defaults filled in) and the GITHUB_* files, in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionDefaults } from './local-runner.js'

/** The repository root, whether this runs from scripts/ or .build/scripts/. */
export function repoRoot(): string {
  for (const up of ['../', '../../']) {
    const root = new URL(up, import.meta.url)
    try {
      readFileSync(new URL('action.yml', root))
      return root.pathname
    } catch {
      continue
    }
  }
  throw new Error('cannot find the repository root')
}

/** An environment for `node dist/index.js` with these inputs; `cleanup` removes its files. */
export function benchEnv(inputs: Record<string, string>): {
  env: NodeJS.ProcessEnv
  cleanup: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), 'zadigx-bench-'))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: dir
  }
  for (const name of ['OUTPUT', 'STEP_SUMMARY', 'STATE']) {
    const file = join(dir, name.toLowerCase())
    writeFileSync(file, '')
    env[`GITHUB_${name}`] = file
  }
  const all = { ...actionDefaults(), project: 'demo', ...inputs }
  for (const [name, value] of Object.entries(all))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return { env, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
