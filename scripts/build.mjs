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
import { eagerModuleFactories } from './eager-modules.mjs'

// Changes made to what ncc reads from node_modules, never to the files on disk.
// Each names the text it expects, and the build fails when it is not there (a new
// version of the package): look again at what the change is for before updating it.
export const SOURCE_PATCHES = [
  // @actions/core 3.0.1 does not say in its package.json that its modules do
  // nothing when loaded (`"sideEffects": false`), so webpack keeps every module
  // it imports, used or not: core.js imports oidc-utils (for getIDToken, which
  // the action never calls), which imports @actions/http-client and undici,
  // about 0.5 MB parsed and 40 ms spent on every start. Its modules only declare
  // functions, classes and constants. (What webpack's
  // `module.rules[].sideEffects` would say; ncc has no option for it.)
  {
    file: '@actions/core/package.json',
    json: { sideEffects: false }
  },
  // file-command.js loads node:crypto when the action starts, for the random
  // delimiter of setOutput/saveState, which run at its end: about 1.2 ms before
  // the first request. Web Crypto's randomUUID is the same function, and Node
  // loads the global `crypto` only when it is first used.
  {
    file: '@actions/core/lib/file-command.js',
    find: "import * as crypto from 'crypto';",
    replace:
      'const crypto = { randomUUID: () => globalThis.crypto.randomUUID() };'
  }
]

// Runs inside the ncc process, loaded with --import before ncc: reads of the
// patched files see the patched text.
function patchReads(fs, Buffer, patches) {
  const byFile = new Map(patches.map(p => [p.file, p]))
  const patch = (file, data) => {
    const p = byFile.get(String(file))
    if (!p) return data
    const text = String(data)
    let patched
    if (p.json) patched = JSON.stringify({ ...JSON.parse(text), ...p.json })
    else if (text.includes(p.find)) patched = text.replace(p.find, p.replace)
    else
      throw new Error(
        `scripts/build.mjs SOURCE_PATCHES: ${p.file} no longer contains ${JSON.stringify(p.find)}`
      )
    return typeof data === 'string' ? patched : Buffer.from(patched)
  }
  const { readFile, readFileSync } = fs
  const readPromise = fs.promises.readFile
  fs.readFile = function (file, ...args) {
    if (!byFile.has(String(file))) return readFile.call(this, file, ...args)
    const done = args.pop()
    readFile.call(this, file, ...args, (err, data) => {
      if (err) return done(err)
      let patched
      try {
        patched = patch(file, data)
      } catch (error) {
        return done(error)
      }
      done(null, patched)
    })
  }
  fs.readFileSync = function (file, ...args) {
    return patch(file, readFileSync.call(this, file, ...args))
  }
  fs.promises.readFile = async function (file, ...args) {
    return patch(file, await readPromise.call(this, file, ...args))
  }
}

function patchHook() {
  const patches = SOURCE_PATCHES.map(p => ({
    ...p,
    file: realpathSync(resolve('node_modules', p.file))
  }))
  const source = [
    "import fs from 'node:fs'",
    "import { Buffer } from 'node:buffer'",
    `(${patchReads})(fs, Buffer, ${JSON.stringify(patches)})`
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

// Every module factory of the bundle runs once it is loaded: see eager-modules.mjs.
function compileFactoriesEagerly(outDir) {
  for (const name of readdirSync(outDir).filter(n => /index\.js$/.test(n))) {
    const file = resolve(outDir, name)
    const { code, count } = eagerModuleFactories(
      readFileSync(file, 'utf8'),
      name
    )
    if (count === 0)
      throw new Error(
        `${name}: no module factory found; has the shape of ncc's output changed? (scripts/eager-modules.mjs)`
      )
    writeFileSync(file, code)
  }
}

/** Builds the action into `outDir`. */
export async function buildAll(outDir) {
  // Chunk names change with the code: start empty so none is left behind.
  rmSync(outDir, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [
      '--import',
      patchHook(),
      resolve('node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      'src/index.ts',
      '-o',
      resolve(outDir),
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
  await minifyChunks(outDir)
  compileFactoriesEagerly(outDir)
  writeFileSync(resolve(outDir, 'post.js'), POST_ENTRY)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll(process.argv[2] ?? 'dist')
}
