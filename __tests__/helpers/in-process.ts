// Runs run() in this process against a simulator, with the action's clock tied to the
// simulator's virtual clock: every sleep of the action moves simulated time forward.
import * as core from '@actions/core'
import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import { run } from '../../src/main.js'
import { forgetSecrets } from '../../src/secrets.js'
import {
  inputVariables,
  stepFiles,
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

/** Runs the action's run() with these inputs (action.yml defaults filled in). */
export async function runInProcess(
  sim: Simulator,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  options: {
    signal?: AbortSignal
    /** Sees each line of the action's log as it is written (the bench times them). */
    onLine?: (line: string) => void
    /** The action's clock; by default simClock(sim). */
    clock?: Clock
  } = {}
): Promise<BundleRun> {
  const files = stepFiles('zadigx-run-')
  // Before the GITHUB_* variables go: the github-token default reads GITHUB_TOKEN.
  const variables = inputVariables(inputs)
  const saved = { ...process.env }
  let stdout = ''
  const write = process.stdout.write.bind(process.stdout)
  for (const key of Object.keys(process.env))
    if (/^(INPUT_|ZADIGX_|GITHUB_)/.test(key)) delete process.env[key]
  Object.assign(process.env, files.env, variables, extraEnv)
  // @actions/core keeps the first summary file it opened for the whole process;
  // each run here has a file of its own.
  ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
  process.exitCode = undefined
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write
  try {
    await run({
      clock: options.clock ?? simClock(sim),
      log: sinkLogger(line => {
        options.onLine?.(line)
        stdout += `${line}\n`
      }),
      signal: options.signal
    })
    return {
      exitCode: Number(process.exitCode ?? 0),
      stdout,
      stderr: '',
      ...files.read()
    }
  } finally {
    // The next run registers its own token; this one's must not mask its text.
    forgetSecrets()
    process.stdout.write = write
    process.exitCode = undefined
    process.env = saved
    files.cleanup()
  }
}
