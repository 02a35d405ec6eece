// Runs run() in this process against a simulator, with the action's clock tied to the
// simulator's virtual clock: every sleep of the action moves simulated time forward.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import { run } from '../../src/main.js'
import {
  actionDefaults,
  parseOutputFile,
  type BundleRun
} from '../../scripts/local-runner.js'
import type { Simulator } from '../../simulator/index.js'

/** A clock whose sleeps advance the simulator's virtual time instead of waiting. */
export function simClock(sim: Simulator): Clock {
  return {
    now: () => sim.clock.now(),
    sleep: async ms => {
      sim.clock.advance(ms)
    }
  }
}

/** A Logger that writes lines the way @actions/core would, into `sink`. */
function sinkLogger(sink: (line: string) => void): Logger {
  return {
    info: m => sink(m),
    warning: m => sink(`::warning::${m}`),
    error: m => sink(`::error::${m}`),
    debug: m => sink(`::debug::${m}`)
  }
}

function setInputs(inputs: Record<string, string>, dir: string): void {
  for (const key of Object.keys(process.env))
    if (/^(INPUT_|ZADIGX_|GITHUB_)/.test(key)) delete process.env[key]
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
  process.env.GITHUB_STATE = join(dir, 'state')
  process.env.GITHUB_WORKSPACE = dir
  writeFileSync(join(dir, 'output'), '')
  writeFileSync(join(dir, 'summary'), '')
  writeFileSync(join(dir, 'state'), '')
}

/** Runs the action's run() with these inputs (action.yml defaults filled in). */
export async function runInProcess(
  sim: Simulator,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  options: { signal?: AbortSignal } = {}
): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'zadigx-run-'))
  const saved = { ...process.env }
  let stdout = ''
  const write = process.stdout.write.bind(process.stdout)
  setInputs({ ...actionDefaults(), ...inputs }, dir)
  Object.assign(process.env, extraEnv)
  process.exitCode = undefined
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write
  try {
    await run({
      clock: simClock(sim),
      log: sinkLogger(line => (stdout += `${line}\n`)),
      signal: options.signal
    })
    return {
      exitCode: Number(process.exitCode ?? 0),
      stdout,
      stderr: '',
      outputs: parseOutputFile(readFileSync(join(dir, 'output'), 'utf8')),
      summary: readFileSync(join(dir, 'summary'), 'utf8'),
      state: parseOutputFile(readFileSync(join(dir, 'state'), 'utf8'))
    }
  } finally {
    process.stdout.write = write
    process.exitCode = undefined
    process.env = saved
    rmSync(dir, { recursive: true, force: true })
  }
}
