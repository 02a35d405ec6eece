// create-project's environments: ZadigX creates them after it answers, so each is
// followed on its own (src/follow/rollout.ts), all within the step's deadline, and
// reported as it finishes (docs/zadigx-api.md#projects, #env-status).
import { formatDuration } from '../duration.js'
import { untrusted } from '../log.js'
import { followRollout, type RolloutEnd } from '../follow/rollout.js'
import type { ActionInputs } from '../inputs/types.js'
import type { OperationDeps, OperationOutcome } from './context.js'
import { showsPods, waitDepsOf } from './env-step.js'

/** How one environment of the new project ended. */
export interface EnvEnd {
  env_key: string
  status: 'creating' | 'ready' | 'failed' | 'timeout' | 'cancelled'
  reason?: string
}

type Deps = OperationDeps<
  Pick<ActionInputs, 'pollIntervalMs' | 'timeoutMs'> & { project: string }
>

/** Follows every environment of `data` at once; the step passes when all are ready. */
export async function followEnvs(
  deps: Deps,
  data: { services: string[]; envs: EnvEnd[] }
): Promise<OperationOutcome> {
  const wait = waitDepsOf(deps)
  const first = data.services[0]
  await Promise.all(
    data.envs.map(async entry => {
      const env = {
        projectKey: deps.inputs.project,
        envKey: entry.env_key,
        production: false
      }
      const live = first !== undefined && (await showsPods(deps, env, first))
      const end = await followRollout(wait, {
        env,
        goal: 'apply',
        expected: data.services.map(service => ({ service })),
        live
      })
      Object.assign(entry, endOf(end, deps.inputs.timeoutMs))
      deps.log.info(
        `Environment ${entry.env_key}: ${entry.status}${entry.reason ? ` (${untrusted(entry.reason)})` : ''}`
      )
    })
  )
  return outcomeOf(data.envs)
}

function endOf(end: RolloutEnd, timeoutMs: number): Omit<EnvEnd, 'env_key'> {
  const reason = end.verdict?.reason ?? 'no answer from ZadigX'
  if (end.how === 'aborted') return { status: 'cancelled', reason }
  if (end.how === 'timeout')
    return {
      status: 'timeout',
      reason: `not ready after ${formatDuration(timeoutMs, 'clock')}: ${reason}`
    }
  if (end.verdict?.state === 'failed') return { status: 'failed', reason }
  return { status: 'ready' }
}

function outcomeOf(envs: EnvEnd[]): OperationOutcome {
  const not = envs.filter(e => e.status !== 'ready')
  if (not.length === 0) return { result: 'success' }
  const names = not.map(e => `${e.env_key} ${e.status}`).join(', ')
  const result = not.some(e => e.status === 'failed')
    ? 'failure'
    : not.some(e => e.status === 'cancelled')
      ? 'cancelled'
      : 'timeout'
  return {
    result,
    message: `the project was created, but not every environment is ready: ${names}`
  }
}
