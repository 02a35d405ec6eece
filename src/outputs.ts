// Step outputs, written on every exit path (run() calls this however the
// operation ended, thrown errors included).
import * as core from '@actions/core'
import type { EnvReport } from './env-report.js'
import type { TaskReport } from './report.js'

/** Writes one output; the default is `core.setOutput`. */
export type SetOutput = (name: string, value: string) => void

function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  return String(value)
}

function json(value: unknown): string {
  // Compact JSON; '' when it cannot be serialised (cycles, BigInt).
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}

/**
 * Writes task-id, status, result, task-url, duration, stages, (for list/get
 * operations) data and (for environment operations) env-status, services,
 * previous-image and env-url. Missing values are written as '' so later steps see them
 * defined. Never throws: a failing output must not hide the step's result.
 */
export function writeOutputs(
  report: TaskReport,
  setOutput: SetOutput = core.setOutput
): void {
  const duration = report.durationSeconds
  const values: [string, string][] = [
    ['task-id', text(report.taskId)],
    ['status', text(report.status)],
    ['result', text(report.result)],
    ['task-url', text(report.taskUrl)],
    ['duration', duration === undefined ? '' : String(Math.round(duration))],
    ['stages', json(report.stages ?? [])]
  ]
  if (report.data !== undefined) values.push(['data', json(report.data)])
  if (report.env) values.push(...envOutputs(report.env))
  for (const [name, value] of values) {
    try {
      setOutput(name, value)
    } catch (err) {
      warn(`Could not set output ${name}: ${String(err)}`)
    }
  }
}

// The environment operations' outputs: status, services at the last look, the
// image deploy-image replaced and the environment's page.
function envOutputs(env: EnvReport): [string, string][] {
  return [
    ['env-status', env.status],
    ['services', json(env.after ?? env.before ?? [])],
    ['previous-image', text(env.previousImage)],
    ['env-url', text(env.url)]
  ]
}

function warn(message: string): void {
  try {
    core.warning(message)
  } catch {
    // Nothing left to tell it with.
  }
}
