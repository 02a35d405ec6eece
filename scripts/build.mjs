// Bundles the action with ncc into an output folder (default dist/): index.js runs
// both the main and the post step; what only some runs need (Octokit, undici) is
// loaded with import() and lands in chunk files next to it.
// Used by `npm run build` and by the dist check, so both build the same way.
import { execFileSync } from 'node:child_process'
import {
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { resolve } from 'node:path'

export const ENTRIES = [{ src: 'src/index.ts', out: '' }]

// Packages whose modules do nothing when loaded but which do not say so in
// their package.json (`"sideEffects": false`), so webpack keeps every module
// they import, used or not. @actions/core 3.0.1: core.js imports oidc-utils
// (for getIDToken, which the action never calls), which imports
// @actions/http-client and undici: about 0.5 MB parsed and 40 ms spent on every
// start. Its modules only declare functions, classes and constants.
// (What webpack's `module.rules[].sideEffects` would say; ncc has no option for it.)
export const SIDE_EFFECT_FREE = ['@actions/core']

// Runs inside the ncc process, loaded with --import before ncc: reads of the
// given package.json files see `"sideEffects": false` added.
function declareSideEffectFree(fs, Buffer, files) {
  const wanted = new Set(files)
  const mark = data => {
    const text = JSON.stringify({
      ...JSON.parse(String(data)),
      sideEffects: false
    })
    return typeof data === 'string' ? text : Buffer.from(text)
  }
  const { readFile, readFileSync } = fs
  const readPromise = fs.promises.readFile
  fs.readFile = function (file, ...args) {
    if (!wanted.has(String(file))) return readFile.call(this, file, ...args)
    const done = args.pop()
    readFile.call(this, file, ...args, (err, data) =>
      err ? done(err) : done(null, mark(data))
    )
  }
  fs.readFileSync = function (file, ...args) {
    const data = readFileSync.call(this, file, ...args)
    return wanted.has(String(file)) ? mark(data) : data
  }
  fs.promises.readFile = async function (file, ...args) {
    const data = await readPromise.call(this, file, ...args)
    return wanted.has(String(file)) ? mark(data) : data
  }
}

function sideEffectFreeHook() {
  const files = SIDE_EFFECT_FREE.map(name =>
    realpathSync(resolve('node_modules', name, 'package.json'))
  )
  const source = [
    "import fs from 'node:fs'",
    "import { Buffer } from 'node:buffer'",
    `(${declareSideEffectFree})(fs, Buffer, ${JSON.stringify(files)})`
  ].join('\n')
  return `data:text/javascript,${encodeURIComponent(source)}`
}

// action.yml runs.post: flags the post step, then runs the one bundle
// (src/post-state.ts POST_FLAG).
const POST_ENTRY = `// The post step (action.yml runs.post): the same bundle as the main step.
globalThis.__zadigxPostStep = true
await import('./index.js')
`

// ncc minifies only the entry file; chunks of lazily loaded modules (undici, Octokit,
// the YAML parser) are minified here, so they cost little to download and parse.
async function minifyChunks(outDir) {
  const { minify } = await import('terser')
  for (const name of readdirSync(outDir).filter(n =>
    /^\d+\.index\.js$/.test(n)
  )) {
    const file = resolve(outDir, name)
    const result = await minify(readFileSync(file, 'utf8'), {
      module: true,
      format: { comments: false }
    })
    writeFileSync(file, result.code)
  }
}

/** Builds all entries into `outDir`. */
export async function buildAll(outDir) {
  // Chunk names change with the code: start empty so none is left behind.
  rmSync(outDir, { recursive: true, force: true })
  for (const entry of ENTRIES) {
    execFileSync(
      process.execPath,
      [
        '--import',
        sideEffectFreeHook(),
        resolve('node_modules/@vercel/ncc/dist/ncc/cli.js'),
        'build',
        entry.src,
        '-o',
        resolve(outDir, entry.out),
        '--license',
        'licenses.txt',
        '--target',
        'es2022',
        // Smaller to download and parse on every run; the dist check builds the same way.
        '--minify',
        '--quiet'
      ],
      { stdio: 'inherit' }
    )
  }
  await minifyChunks(outDir)
  writeFileSync(resolve(outDir, 'post.js'), POST_ENTRY)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll(process.argv[2] ?? 'dist')
}
