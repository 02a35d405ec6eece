// Fails when dist/ differs from a fresh build of src/, when the bundle is broken
// (ncc exits 0 but leaves `webpackMissingModule` stubs when an ESM import cannot resolve),
// or when what only some runs need has crept back into the start-up bundle.
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

// Loaded only when needed (src/zadig/transport.ts, src/github-bridge.ts);
// in dist/index.js they would cost every run their start-up time (README "Polling and speed").
const LAZY = [
  ['undici', 'llhttp', 'see SOURCE_PATCHES in scripts/build.mjs'],
  ['@octokit/rest', 'octokit-rest.js/', 'import it only in src/github/']
]

const fresh = mkdtempSync(join(tmpdir(), 'zadigx-dist-'))
const problems = []
try {
  await buildAll(fresh)
  const want = new Map(listFiles(fresh).map(f => [relative(fresh, f), f]))
  const have = new Map(listFiles('dist').map(f => [relative('dist', f), f]))
  for (const [name, file] of want) {
    const text = readFileSync(file)
    if (!have.has(name)) problems.push(`dist/${name} is missing`)
    else if (!text.equals(readFileSync(have.get(name))))
      problems.push(`dist/${name} differs from a fresh build`)
    if (name.endsWith('.js') && text.includes('webpackMissingModule'))
      problems.push(
        `dist/${name} contains webpackMissingModule (broken ESM import)`
      )
    if (name === 'index.js')
      for (const [what, marker, hint] of LAZY)
        if (text.includes(marker))
          problems.push(`dist/index.js loads ${what} at start-up (${hint})`)
  }
  for (const name of have.keys())
    if (!want.has(name))
      problems.push(`dist/${name} is not produced by the build`)
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
if (problems.length > 0) {
  console.error('dist check failed:\n- ' + problems.join('\n- '))
  console.error("Run 'npm run build' and commit dist/.")
  process.exit(1)
}
console.log('dist check: dist/ matches a fresh build of src/')
