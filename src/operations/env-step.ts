// What the environment operations share: the environment they name, the deadline
// of the step, the services before the write, and the write followed to its end
// (src/follow/rollout.ts). `state.env` is filled as things are learned, so the
// outputs and the summary show the last state however the step ends.
import { serviceRows } from '../env-report.js'
import {
  EnvBusyTimeout,
  writeWhenIdle,
  type EnvWaitDeps
} from '../follow/env-idle.js'
import { followRollout, type RolloutPlan } from '../follow/rollout.js'
import { hasEnvLiveRoutes } from '../zadig/server-version.js'
import { statusOf } from '../follow/rollout-rule.js'
import type { EnvAddress } from '../zadig/api/environments.js'
import type { EnvDetail } from '../zadig/env-types.js'
import { envUrl } from '../zadig/links.js'
import { isNotFound } from '../zadig/errors.js'
import { formatDuration } from '../duration.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import type { ActionInputs } from '../inputs/types.js'

type EnvInputs = Pick<
  ActionInputs,
  'url' | 'project' | 'production' | 'pollIntervalMs' | 'timeoutMs' | 'wait'
> & { env: string }

/** The collaborators of an environment operation. */
export type EnvDeps = OperationDeps<EnvInputs>

/** The environment the inputs name. */
export function envAddress(inputs: EnvInputs): EnvAddress {
  return {
    projectKey: inputs.project,
    envKey: inputs.env,
    production: inputs.production
  }
}

/** What waiting needs, with the step's deadline counted from now. */
export function waitDepsOf(
  deps: OperationDeps<Pick<ActionInputs, 'pollIntervalMs' | 'timeoutMs'>>
): EnvWaitDeps {
  return {
    client: deps.client,
    clock: deps.clock,
    log: deps.log,
    signal: deps.signal,
    pollIntervalMs: deps.inputs.pollIntervalMs,
    deadline: deps.clock.now() + deps.inputs.timeoutMs
  }
}

/** Starts `state.env` (key, page) before the first request. */
export function beginEnv(deps: EnvDeps, state: OperationState): EnvAddress {
  const address = envAddress(deps.inputs)
  state.projectKey = address.projectKey
  state.env = {
    ...address,
    status: '',
    url: envUrl(deps.inputs.url, address.projectKey, address.envKey)
  }
  return address
}

/** Records a look at the environment: status and services now. */
export function sawEnv(state: OperationState, detail: EnvDetail | null): void {
  if (!state.env) return
  state.env.status = detail ? statusOf(detail.status) : 'deleted'
  state.env.after = serviceRows(detail)
}

/** Reads the environment and keeps its services as they are before the write. */
export async function readBefore(
  deps: EnvDeps,
  state: OperationState,
  address: EnvAddress
): Promise<EnvDetail> {
  const detail = await deps.client.environments.detail(address)
  sawEnv(state, detail)
  if (state.env) state.env.before = serviceRows(detail)
  return detail
}

/** The step's check of a name against the environment's services, before any write. */
export function requireService(detail: EnvDetail, service: string): void {
  const names = (detail.services ?? []).map(s => s.service_name)
  if (names.includes(service)) return
  const has = names.length ? `it has ${names.join(', ')}` : 'it has none'
  throw new Error(
    `service: "${service}" is not a service of environment ${detail.env_key} (${has})`
  )
}

/**
 * Writes when the environment is idle, then follows the write (unless `wait:
 * false`). The GitHub report hears the start before the write.
 */
export async function rollOut(
  deps: EnvDeps,
  state: OperationState,
  write: () => Promise<void>,
  plan: Omit<RolloutPlan, 'env' | 'saw'>
): Promise<OperationOutcome> {
  const address = envAddress(deps.inputs)
  const wait = waitDepsOf(deps)
  if (state.env) state.env.announced = true
  await deps.rolloutStarted?.()
  try {
    await writeWhenIdle(wait, address, write)
  } catch (err) {
    if (err instanceof EnvBusyTimeout)
      return { result: 'timeout', message: err.message }
    throw err
  }
  if (!deps.inputs.wait) {
    deps.log.info(
      'wait: false, so the step ends now that ZadigX took the change'
    )
    return {
      result: 'running',
      message: 'ZadigX took the change; not followed (wait: false)'
    }
  }
  return followToEnd(deps, state, plan, wait)
}

/** Follows the environment with `plan` and says how that ended, in the step's terms. */
export async function followToEnd(
  deps: EnvDeps,
  state: OperationState,
  plan: Omit<RolloutPlan, 'env' | 'saw'>,
  wait: EnvWaitDeps = waitDepsOf(deps)
): Promise<OperationOutcome> {
  const end = await followRollout(wait, {
    ...plan,
    env: envAddress(deps.inputs),
    saw: look => sawEnv(state, look.env)
  })
  const reason = end.verdict?.reason ?? 'no answer from ZadigX'
  if (end.how === 'aborted')
    return {
      result: 'cancelled',
      message: `cancelled while following: ${reason}`
    }
  if (end.how === 'timeout')
    return {
      result: 'timeout',
      message: `timed out after ${formatDuration(deps.inputs.timeoutMs, 'clock')}: ${reason}`
    }
  if (end.verdict?.state === 'failed')
    return { result: 'failure', message: reason }
  return { result: 'success' }
}

/** True when the server shows a service's live pods (Zadig v2.2+), asked once per step. */
export function showsPods(
  deps: Pick<EnvDeps, 'client'>,
  address: EnvAddress,
  service: string
): Promise<boolean> {
  return hasEnvLiveRoutes(
    (path, query) => deps.client.system.routeExists(path, query),
    address,
    service
  )
}

/** True when the environment exists: its detail reads (a "not found" says it does not). */
export async function envExists(
  deps: EnvDeps,
  address: EnvAddress
): Promise<boolean> {
  try {
    await deps.client.environments.detail(address)
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}
