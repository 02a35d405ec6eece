// Two ways to run the action for a scenario: the committed bundle in a child process, as
// the runner does, and run() in this process (which also measures coverage of src/).
import { runBundle, type BundleRun } from '../../scripts/local-runner.js'
import type { Simulator } from '../../simulator/index.js'
import { runInProcess } from './in-process.js'

export type Driver = (
  sim: Simulator,
  inputs: Record<string, string>,
  env?: Record<string, string>
) => Promise<BundleRun>

/** [name, driver] pairs for describe.each. */
export const DRIVERS: [string, Driver][] = [
  ['bundle', (sim, inputs, env) => runBundle(inputs, env)],
  ['in-process', (sim, inputs, env) => runInProcess(sim, inputs, env)]
]
