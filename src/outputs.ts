// Step outputs, written on every exit path (run() calls this however the
// operation ended, thrown errors included). Secrets are scrubbed from every value and
// the JSON outputs are kept within sizes GitHub accepts (1 MB per output at most).
import * as core from '@actions/core'
import type { EnvReport } from './env-report.js'
import type { TaskReport } from './report.js'
import { scrub } from './secrets.js'
import { clip, ERROR_MAX, forOneLine } from './server-text.js'

/** Writes one output; the default is `core.setOutput`. */
export type SetOutput = (name: string, value: string) => void

/** The largest `stages` output, in UTF-8 bytes. */
export const STAGES_MAX_BYTES = 256 * 1024
/** The largest `data` output, in UTF-8 bytes. */
export const DATA_MAX_BYTES = 512 * 1024

function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  return scrub(String(value))
}

function json(value: unknown): string {
  // Compact JSON; '' when it cannot be serialised (cycles, BigInt).
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

function clipStrings(value: unknown): unknown {
  if (typeof value === 'string') return clip(value, ERROR_MAX)
  if (Array.isArray(value)) return value.map(clipStrings)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, clipStrings(item)])
  )
}

/** The longest head of `list` whose JSON fits in `max` bytes. */
function fittingHead(list: unknown[], max: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (bytes(json(list.slice(0, middle))) <= max) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * `value` as scrubbed JSON of at most `max` bytes, still valid JSON: long texts are cut to
 * 2000 characters first, then a list keeps the entries that fit; else ''. `note` says what
 * was left out.
 */
function fittedJson(
  value: unknown,
  max: number
): { json: string; note?: string } {
  const whole = scrub(json(value))
  if (bytes(whole) <= max) return { json: whole }
  const short = clipStrings(JSON.parse(whole) as unknown)
  const shortJson = json(short)
  const cut = `texts longer than ${ERROR_MAX} characters were cut`
  if (bytes(shortJson) <= max) return { json: shortJson, note: cut }
  if (!Array.isArray(short)) return { json: '', note: 'left empty' }
  const kept = fittingHead(short, max)
  return {
    json: json(short.slice(0, kept)),
    note: `${cut} and only the first ${kept} of ${short.length} entries kept`
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
    ['status', forOneLine(text(report.status))],
    ['result', text(report.result)],
    ['task-url', text(report.taskUrl)],
    ['duration', duration === undefined ? '' : String(Math.round(duration))]
  ]
  const documents: [string, unknown, number][] = [
    ['stages', report.stages ?? [], STAGES_MAX_BYTES]
  ]
  if (report.data !== undefined)
    documents.push(['data', report.data, DATA_MAX_BYTES])
  for (const [name, value, max] of documents) {
    const fitted = fittedJson(value, max)
    if (fitted.note)
      warn(
        `Output ${name} was clipped to ${max / 1024} KB: ${fitted.note} (the job summary and ZadigX have the rest).`
      )
    values.push([name, fitted.json])
  }
  if (report.env) values.push(...envOutputs(report.env))
  for (const [name, value] of values) {
    try {
      setOutput(name, value)
    } catch (err) {
      warn(`Could not set output ${name}: ${scrub(String(err))}`)
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
    ['env-url', text(env.address ?? env.url)]
  ]
}

function warn(message: string): void {
  try {
    core.warning(message)
  } catch {
    // Nothing left to tell it with.
  }
}
