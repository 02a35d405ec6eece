// Runs run() in this process against a simulator, with the action's clock tied to the
// simulator's virtual clock: every sleep of the action moves simulated time forward.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import { run } from '../../src/main.js'
import { actionDefaults, parseOutputFile } from '../../scripts/local-runner.js'
import type { Simulator } from '../../simulator/index.js'

export interface InProcessRun {
  outputs: Record<string, string>
  summary: string
  log: string[]
  failed: boolean
  exitCode: number
}

/** A clock whose sleeps advance the simulator's virtual time instead of waiting. */
export function simClock(sim: Simulator): Clock {
  return {
    now: () => sim.clock.now(),
    sleep: async ms => {
      sim.clock.advance(ms)
    }
  }
}

/** A Logger that records lines with their level. */
export function recordingLogger(lines: string[]): Logger {
  return {
    info: m => lines.push(m),
    warning: m => lines.push(`warning: ${m}`),
    error: m => lines.push(`error: ${m}`),
    debug: () => undefined
  }
}

/** Runs the action's run() with these inputs; returns outputs, summary and log. */
export async function runInProcess(
  sim: Simulator,
  inputs: Record<string, string>,
  options: { signal?: AbortSignal } = {}
): Promise<InProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'zadigx-run-'))
  const saved = { ...process.env }
  const log: string[] = []
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  for (const key of Object.keys(process.env))
    if (/^(INPUT_|ZADIGX_)/.test(key)) delete process.env[key]
  const all = { ...actionDefaults(), url: sim.url, token: sim.token, ...inputs }
  for (const [name, value] of Object.entries(all))
    process.env[`INPUT_${name.toUpperCase()}`] = value
  process.env.GITHUB_OUTPUT = outputFile
  process.env.GITHUB_STEP_SUMMARY = summaryFile
  process.env.GITHUB_WORKSPACE = dir
  process.exitCode = undefined
  try {
    await run({ clock: simClock(sim), log: recordingLogger(log), signal: options.signal })
    const exitCode = Number(process.exitCode ?? 0)
    return {
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      log,
      failed: exitCode !== 0,
      exitCode
    }
  } finally {
    process.exitCode = undefined
    process.env = saved
    rmSync(dir, { recursive: true, force: true })
  }
}
