// Runs the bundled action (dist/index.js) the way the GitHub runner does: inputs as
// INPUT_* variables, outputs and summary through the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

export interface BundleRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** What the step saved for its post step (GITHUB_STATE). */
  state: Record<string, string>
}

const ROOT = new URL('../', import.meta.url)

/** Finds the repository root whether this file runs from scripts/ or .build/scripts/. */
function repoFile(relative: string): string {
  for (const base of [ROOT, new URL('../', ROOT)]) {
    const path = new URL(relative, base).pathname
    try {
      readFileSync(new URL('action.yml', base))
      return path
    } catch {
      continue
    }
  }
  throw new Error(`cannot find ${relative} from ${ROOT.pathname}`)
}

/** The defaults the runner fills in for inputs a step does not set (from action.yml). */
export function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(repoFile('action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    if (spec.default === undefined) continue
    // The runner evaluates expressions such as ${{ github.token }}; locally the only
    // one used is the job token, taken from GITHUB_TOKEN when set.
    const text = String(spec.default)
    defaults[name] = text.includes('${{')
      ? text.includes('github.token')
        ? (process.env.GITHUB_TOKEN ?? '')
        : ''
      : text
  }
  return defaults
}

/**
 * What the runner shows of a step's stdout: it consumes `::add-mask::` commands (they are
 * never displayed), so a secret in one of those lines is not a leak.
 */
export function visibleLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Parses the runner's output file (`name<<delimiter` blocks written by @actions/core). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++)
      value.push(lines[i] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}

/** A clean environment: nothing of the test process's GitHub, ZadigX or proxy settings. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(INPUT_|GITHUB_|RUNNER_|ZADIGX_|ACTIONS_)/i.test(key)) continue
    if (/_proxy$/i.test(key)) continue
    env[key] = value
  }
  delete env.NODE_OPTIONS
  return env
}

/** Runs the bundle with the given action inputs (names as in action.yml). */
export async function runBundle(
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  options: {
    onStdout?: (chunk: string, child: ChildProcess) => void
    entry?: string
  } = {}
): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'zadigx-e2e-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  const stateFile = join(dir, 'state')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  writeFileSync(stateFile, '')
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: stateFile,
    GITHUB_WORKSPACE: dir,
    ...extraEnv
  }
  const all = { ...actionDefaults(), ...inputs }
  for (const [name, value] of Object.entries(all))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  try {
    const bundle = repoFile(options.entry ?? 'dist/index.js')
    const child = spawn(process.execPath, [bundle], { env, cwd: dir })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      options.onStdout?.(chunk, child)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const exitCode = await new Promise<number | null>(resolve =>
      child.on('close', code => resolve(code))
    )
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      state: parseOutputFile(readFileSync(stateFile, 'utf8'))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
