// Bundles the action with ncc into an output folder (default dist/): index.js runs
// both the main and the post step; what only some runs need (Octokit, the YAML
// parser) is loaded with import() and lands in chunk files next to it.
// Used by `npm run build` and by the dist check, so both build the same way.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

// action.yml runs.post: flags the post step, then runs the one bundle
// (src/post-state.ts POST_FLAG).
const POST_ENTRY = `// The post step (action.yml runs.post): the same bundle as the main step.
globalThis.__zadigxPostStep = true
await import('./index.js')
`

/** Builds the action into `outDir`. */
export async function buildAll(outDir) {
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
