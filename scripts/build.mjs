// Bundles every action entry point with ncc into an output folder (default dist/).
// Used by `npm run build` and by the dist check, so both build the same way.
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

export const ENTRIES = [
  { src: 'src/index.ts', out: '' },
  { src: 'src/post-index.ts', out: 'post' }
]

/** Builds all entries into `outDir`. */
export function buildAll(outDir) {
  for (const entry of ENTRIES) {
    execFileSync(
      process.execPath,
      [
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
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildAll(process.argv[2] ?? 'dist')
}
