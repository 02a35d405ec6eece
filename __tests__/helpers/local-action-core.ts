// A stand-in for @actions/core as @github/local-action (v7) replaces it: inputs from
// process.env with action.yml defaults, state kept in memory between the main and the
// post step of one process, and a setFailed that records the failure but, unlike the
// real one, leaves process.exitCode alone.
// Imports nothing from src/: a test mocks @actions/core with this before src/ loads.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(
  readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
) as { inputs: Record<string, { default?: unknown }> }

type InputOptions = { required?: boolean; trimWhitespace?: boolean }

/** What the action did through the stand-in, for a test to read. */
export interface LocalActionRecord {
  lines: string[]
  outputs: Record<string, string>
  failures: string[]
  state: Record<string, string>
  summary: string
}

/** A fresh stand-in module (pass it to jest.unstable_mockModule) and its record. */
export function localActionCore(): {
  module: Record<string, unknown>
  record: LocalActionRecord
} {
  const record: LocalActionRecord = {
    lines: [],
    outputs: {},
    failures: [],
    state: {},
    summary: ''
  }
  const getInput = (name: string, options?: InputOptions): string => {
    const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
    let value = process.env[key] ?? ''
    const fallback = action.inputs[name]?.default
    if (value === '' && fallback !== undefined) value = String(fallback)
    if (options?.required && value === '')
      throw new Error(`Input required and not supplied: ${name}`)
    return options?.trimWhitespace === true ? value.trim() : value
  }
  const summary = {
    addRaw(text: string, addEOL = false) {
      record.summary += addEOL ? `${text}\n` : text
      return summary
    },
    write: async () => summary
  }
  const module = {
    getInput,
    getBooleanInput: (name: string, options?: InputOptions) =>
      ['true', 'True', 'TRUE'].includes(getInput(name, options)),
    setSecret: () => undefined,
    setOutput: (name: string, value: unknown) => {
      record.outputs[name] = String(value)
    },
    info: (m: string) => record.lines.push(m),
    warning: (m: string) => record.lines.push(`::warning::${m}`),
    error: (m: string) => record.lines.push(`::error::${m}`),
    debug: () => undefined,
    setFailed: (m: string) => {
      record.failures.push(m)
      record.lines.push(`::error::${m}`)
    },
    saveState: (name: string, value: unknown) => {
      record.state[name] =
        typeof value === 'string' ? value : JSON.stringify(value)
    },
    getState: (name: string) => record.state[name] ?? '',
    summary
  }
  return { module, record }
}

/**
 * The environment a user sets for the tool against the simulator, as in .env.example
 * (only what differs from action.yml's defaults), and the record emptied for a new run.
 */
export function startLocalRun(
  sim: { url: string; token: string },
  record: LocalActionRecord
): void {
  Object.assign(process.env, {
    INPUT_URL: sim.url,
    INPUT_TOKEN: sim.token,
    INPUT_PROJECT: 'demo',
    INPUT_WORKFLOW: 'build-deploy',
    'INPUT_POLL-INTERVAL': '10ms'
  })
  Object.assign(record, { lines: [], outputs: {}, failures: [], state: {} })
}
