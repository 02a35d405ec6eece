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

/** The repository root, whether this file runs from scripts/ or .build/scripts/. */
export function repoRoot(): string {
  for (const base of [ROOT, new URL('../', ROOT)]) {
    try {
      readFileSync(new URL('action.yml', base))
      return base.pathname
    } catch {
      continue
    }
  }
  throw new Error(`cannot find action.yml from ${ROOT.pathname}`)
}

function actionInputs(): Record<string, { default?: unknown }> {
  const action = parse(
    readFileSync(join(repoRoot(), 'action.yml'), 'utf8')
  ) as {
    inputs?: Record<string, { default?: unknown }>
  }
  return action.inputs ?? {}
}

/** The names of the action's inputs, as action.yml declares them. */
export function actionInputNames(): string[] {
  return Object.keys(actionInputs())
}

/** The defaults the runner fills in for inputs a step does not set (from action.yml). */
function actionDefaults(): Record<string, string> {
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(actionInputs())) {
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
function parseOutputFile(text: string): Record<string, string> {
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

/** The INPUT_* variables the runner sets for a step's inputs, action.yml defaults filled in. */
export function inputVariables(
  inputs: Record<string, string>
): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const [name, value] of Object.entries({
    ...actionDefaults(),
    ...inputs
  }))
    variables[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return variables
}

/** The files a step writes (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE), in a new temp dir. */
export function stepFiles(prefix: string): {
  /** The temp dir, also the workspace. */
  dir: string
  /** GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE and GITHUB_WORKSPACE (the dir). */
  env: Record<string, string>
  /** What the step wrote to them. */
  read(): Pick<BundleRun, 'outputs' | 'summary' | 'state'>
  /** Removes the dir. */
  cleanup(): void
} {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const file = (name: string): string => join(dir, name)
  for (const name of ['output', 'summary', 'state'])
    writeFileSync(file(name), '')
  return {
    dir,
    env: {
      GITHUB_OUTPUT: file('output'),
      GITHUB_STEP_SUMMARY: file('summary'),
      GITHUB_STATE: file('state'),
      GITHUB_WORKSPACE: dir
    },
    read: () => ({
      outputs: parseOutputFile(readFileSync(file('output'), 'utf8')),
      summary: readFileSync(file('summary'), 'utf8'),
      state: parseOutputFile(readFileSync(file('state'), 'utf8'))
    }),
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
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
  const files = stepFiles('zadigx-e2e-')
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ...files.env,
    ...extraEnv,
    ...inputVariables(inputs)
  }
  try {
    const bundle = join(repoRoot(), options.entry ?? 'dist/index.js')
    const child = spawn(process.execPath, [bundle], {
      env,
      cwd: files.dir
    })
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
    return { exitCode, stdout, stderr, ...files.read() }
  } finally {
    files.cleanup()
  }
}
