// getInputs() with the real @actions/core: inputs go through process.env as on
// the runner, over a url and token that are always valid.
import { InputError, getInputs } from '../../src/inputs.js'
import type { ActionInputs } from '../../src/inputs.js'
import { setInputs } from './inputs-env.js'

/** A valid url and token, under every read. */
export const BASE = { url: 'https://zadigx.example.com', token: 'test-token' }

/** Reads the inputs `values` over BASE. */
export async function read(values: Record<string, string>): Promise<{
  inputs: ActionInputs
  warnings: string[]
}> {
  setInputs({ ...BASE, ...values })
  return getInputs()
}

/** The problems of the InputError that reading `values` throws (fails if none). */
export async function problemsOf(
  values: Record<string, string>
): Promise<string[]> {
  try {
    await read(values)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected getInputs to throw')
}
