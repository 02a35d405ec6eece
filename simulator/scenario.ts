// Scenario switches for trying the action by hand (`npm start`, `npm run sim`): make
// a job fail, or leave approval gates to a person instead of the scripted approver.
import type { Simulator } from './index.js'

/** What to change in the default catalog. */
export interface Scenario {
  /** Job names (in any workflow) that fail, with a short error. */
  fail: string[]
  /** `auto`: alice decides every gate after two virtual minutes; `manual`: nobody does. */
  gates: 'auto' | 'manual'
}

const WORKFLOWS = ['build-deploy', 'release-gate', 'release-gate-v3']

/** Applies the scenario to a running simulator's catalog; returns what it changed. */
export function applyScenario(sim: Simulator, scenario: Scenario): string[] {
  const changes: string[] = []
  for (const key of WORKFLOWS) {
    for (const stage of sim.workflow(key).stages) {
      if (scenario.gates === 'manual' && stage.approval?.autoDecide) {
        stage.approval.autoDecide = undefined
        changes.push(`${key}: stage ${stage.name} waits for a person`)
      }
      for (const job of stage.jobs) {
        if (scenario.gates === 'manual' && job.script.autoDecide) {
          job.script.autoDecide = undefined
          changes.push(`${key}: approval job ${job.name} waits for a person`)
        }
        if (scenario.fail.includes(job.name)) {
          job.script = {
            ...job.script,
            outcome: 'failed',
            error: `${job.name} failed (simulator --fail)`
          }
          changes.push(`${key}: job ${job.name} fails`)
        }
      }
    }
  }
  const unknown = scenario.fail.filter(
    name =>
      !WORKFLOWS.some(key =>
        sim.workflow(key).stages.some(s => s.jobs.some(j => j.name === name))
      )
  )
  if (unknown.length)
    throw new Error(
      `--fail: no job ${unknown.join(', ')} in ${WORKFLOWS.join(', ')} (jobs: ${jobNames(sim).join(', ')})`
    )
  return changes
}

/** Every job name of the catalog's workflows, for messages. */
export function jobNames(sim: Simulator): string[] {
  const names = WORKFLOWS.flatMap(key =>
    sim.workflow(key).stages.flatMap(s => s.jobs.map(j => j.name))
  )
  return [...new Set(names)]
}
