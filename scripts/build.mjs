// Bundles the action with ncc into an output folder (default dist/): index.js runs
// both the main and the post step; what only some runs need (Octokit, the YAML
// parser) is loaded with import() and lands in chunk files next to it.
// Used by `npm run build` and by the dist check, so both build the same way.
import { execFileSync } from 'node:child_process'
import { lstatSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

// action.yml runs.post: flags the post step, then runs the one bundle
// (src/post-state.ts POST_FLAG).
const POST_ENTRY = `// The post step (action.yml runs.post): the same bundle as the main step.
globalThis.__zadigxPostStep = true
await import('./index.js')
`

// ncc numbers the chunk files from the modules' paths: a node_modules that is a
// link to another checkout's gives other numbers than CI's `npm ci` does, so
// the dist check on CI fails on a dist/ built that way.
function warnOnLinkedModules() {
  let linked
  try {
    linked = lstatSync('node_modules').isSymbolicLink()
  } catch {
    return
  }
  if (linked)
    console.warn(
      'build: node_modules is a symbolic link, so dist/ will not match what CI builds; run npm ci in this checkout before committing dist/'
    )
}

/** Builds the action into `outDir`. */
export async function buildAll(outDir) {
  warnOnLinkedModules()
  // Chunk names change with the code: start empty so none is left behind.
  rmSync(outDir, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [
      resolve('node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      'src/index.ts',
      '-o',
      resolve(outDir),
      '--license',
      'licenses.txt',
      '--target',
      'es2022',
      '--minify',
      '--quiet'
    ],
    { stdio: 'inherit' }
  )
  writeFileSync(resolve(outDir, 'post.js'), POST_ENTRY)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll(process.argv[2] ?? 'dist')
}
