// A busy environment is waited for, not failed: ZadigX refuses writes while an
// environment is creating, updating or deleting (docs/zadigx-api.md#env-busy). A
// refused write did nothing, so sending it again once the environment is idle is
// not a blind resend.
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { untrusted, type Logger } from '../log.js'
import type { EnvAddress } from '../zadig/api/environments.js'
import type { ZadigClient } from '../zadig/client.js'
import type { EnvDetail } from '../zadig/env-types.js'
import { ZadigApiError } from '../zadig/errors.js'
import { follow } from './loop.js'
import { ENV_BUSY, statusOf } from './rollout-rule.js'

/** ZadigX's text for "the environment is in a state that cannot be updated". */
export const ENV_BUSY_TEXT = '环境正处于不能更新的状态'

/** What waiting on an environment needs. */
export interface EnvWaitDeps {
  client: ZadigClient
  clock: Clock
  log: Logger
  signal?: AbortSignal
  pollIntervalMs: number
  /** Epoch ms by which the whole operation must be over. */
  deadline: number
}

/** Thrown when the deadline passes while the environment is still busy. */
export class EnvBusyTimeout extends Error {
  constructor(
    readonly env: EnvDetail | null,
    waitedMs: number
  ) {
    super(
      `the environment stayed ${statusOf(env?.status) || 'busy'} for ${formatDuration(waitedMs, 'clock')}, until the timeout; nothing was changed`
    )
    this.name = 'EnvBusyTimeout'
  }
}

/** True when ZadigX refused a write because the environment is busy (code 6076 or a 500 multierror). */
export function isEnvBusyRefusal(err: unknown): boolean {
  if (!(err instanceof ZadigApiError)) return false
  const text = `${err.zadigMessage ?? ''} ${err.description ?? ''}`
  return text.includes(ENV_BUSY_TEXT)
}

/** Waits until the environment is not creating, updating or deleting; returns its detail. */
export async function waitUntilIdle(
  deps: EnvWaitDeps,
  env: EnvAddress
): Promise<EnvDetail> {
  const started = deps.clock.now()
  let told = false
  const end = await follow<EnvDetail>(
    {
      look: signal => deps.client.environments.detail(env, signal),
      isOver: detail => !ENV_BUSY.has(statusOf(detail.status))
    },
    {
      timeoutMs: deps.deadline - started,
      pollIntervalMs: deps.pollIntervalMs,
      clock: deps.clock,
      log: deps.log,
      signal: deps.signal,
      observers: [
        {
          saw: detail => {
            const status = statusOf(detail.status)
            if (told || !ENV_BUSY.has(status)) return
            told = true
            deps.log.info(
              `Environment ${env.envKey} is ${untrusted(status)}: waiting until it is idle before changing it`
            )
          }
        }
      ]
    }
  )
  if (end.how === 'over' && end.last) return end.last
  if (end.how === 'aborted')
    throw new Error('cancelled while waiting for the environment to be idle')
  throw new EnvBusyTimeout(end.last, deps.clock.now() - started)
}

/**
 * Waits for the environment to be idle, then writes; a write refused because it
 * became busy meanwhile waits and is sent again, until the deadline.
 */
export async function writeWhenIdle(
  deps: EnvWaitDeps,
  env: EnvAddress,
  write: () => Promise<void>
): Promise<void> {
  for (;;) {
    await waitUntilIdle(deps, env)
    try {
      return await write()
    } catch (err) {
      if (!isEnvBusyRefusal(err)) throw err
      deps.log.info(
        `ZadigX refused the change: environment ${env.envKey} is busy; waiting and sending it again`
      )
      const left = deps.deadline - deps.clock.now()
      if (left <= 0) throw new EnvBusyTimeout(null, 0)
      // At least a second: with poll-interval 0 a refusing server must not spin.
      const pause = Math.max(deps.pollIntervalMs, 1000)
      await deps.clock.sleep(Math.min(pause, left), deps.signal)
    }
  }
}
