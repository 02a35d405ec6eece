// Fails when dist/ differs from a fresh build of src/, when the bundle is broken
// (ncc exits 0 but leaves `webpackMissingModule` stubs when an ESM import cannot resolve),
// or when Octokit, which only GitHub reporting needs, has crept into the start-up bundle.
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { buildAll } from './build.mjs'

function listFiles(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...listFiles(full))
    else out.push(full)
  }
  return out
}

// src/github-bridge.ts imports it only when a report is asked for.
const OCTOKIT = 'octokit-rest.js/'

/** What is wrong with `dist` against the fresh build in `fresh`; empty when nothing. */
export function compareBuilds(fresh, dist) {
  const problems = []
  const want = new Map(listFiles(fresh).map(f => [relative(fresh, f), f]))
  const have = new Map(listFiles(dist).map(f => [relative(dist, f), f]))
  for (const [name, file] of want) {
    const text = readFileSync(file)
    if (!have.has(name)) problems.push(`dist/${name} is missing`)
    else if (!text.equals(readFileSync(have.get(name))))
      problems.push(`dist/${name} differs from a fresh build`)
    if (name.endsWith('.js') && text.includes('webpackMissingModule'))
      problems.push(
        `dist/${name} contains webpackMissingModule (broken ESM import)`
      )
    if (name === 'index.js' && text.includes(OCTOKIT))
      problems.push(
        'dist/index.js loads @octokit/rest at start-up (import it only in src/github/)'
      )
  }
  for (const name of have.keys())
    if (!want.has(name))
      problems.push(`dist/${name} is not produced by the build`)
  return problems
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fresh = mkdtempSync(join(tmpdir(), 'zadigx-dist-'))
  let problems
  try {
    await buildAll(fresh)
    problems = compareBuilds(fresh, 'dist')
  } finally {
    rmSync(fresh, { recursive: true, force: true })
  }
  if (problems.length > 0) {
    console.error('dist check failed:\n- ' + problems.join('\n- '))
    console.error("Run 'npm run build' and commit dist/.")
    process.exit(1)
  }
  console.log('dist check: dist/ matches a fresh build of src/')
}
