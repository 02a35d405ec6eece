// Follows an environment write on the same loop as tasks (loop.ts): the
// environment's status leaves creating/updating/deleting, the affected services
// are healthy and, where the server shows pods (Zadig v2.2+), they run the
// expected image. Image-pull and crash-loop states end it at once
// (docs/zadigx-api.md#env-status, #env-service-detail).
import { untrusted } from '../log.js'
import type { EnvAddress } from '../zadig/api/environments.js'
import type { LiveService } from '../zadig/env-types.js'
import { isNotFound } from '../zadig/errors.js'
import type { EnvWaitDeps } from './env-idle.js'
import { follow, type FollowEnd } from './loop.js'
import {
  judgeDeletion,
  judgeRollout,
  type RolloutLook,
  type RolloutVerdict,
  type ServiceExpectation
} from './rollout-rule.js'

/** What to follow. */
export interface RolloutPlan {
  env: EnvAddress
  /** `apply`: the environment stays and its services get healthy; `delete`: it goes. */
  goal: 'apply' | 'delete'
  expected: ServiceExpectation[]
  /** Whether the server has the live view of services (Zadig v2.2+). */
  live: boolean
  /** Seen with every look (the operation's state). */
  saw?: (look: RolloutLook) => void
}

/** How a rollout ended. */
export interface RolloutEnd {
  how: FollowEnd<unknown>['how']
  look: RolloutLook | null
  verdict: RolloutVerdict | null
}

// Without pods to look at (Zadig before v2.2), a service's status reads Running
// while the old pods still serve: it must read healthy on this many looks in a row.
const SETTLED_LOOKS = 2

async function lookAt(
  deps: EnvWaitDeps,
  plan: RolloutPlan,
  signal?: AbortSignal
): Promise<RolloutLook> {
  const environments = deps.client.environments
  let env
  try {
    env = await environments.detail(plan.env, signal)
  } catch (err) {
    if (plan.goal === 'delete' && isNotFound(err))
      return { env: null, live: new Map() }
    throw err
  }
  const live = new Map<string, LiveService>()
  if (plan.live && plan.goal === 'apply')
    for (const want of plan.expected)
      live.set(
        want.service,
        await environments.service(plan.env, want.service, signal)
      )
  return { env, live }
}

/** Follows the environment until the plan's goal is met, it fails, the deadline passes or the job is cancelled. */
export async function followRollout(
  deps: EnvWaitDeps,
  plan: RolloutPlan
): Promise<RolloutEnd> {
  let verdict: RolloutVerdict | null = null
  let lastReason = ''
  let healthyLooks = 0
  const judge = (look: RolloutLook): RolloutVerdict =>
    plan.goal === 'delete'
      ? judgeDeletion(look)
      : judgeRollout(look, plan.expected)
  const end = await follow<RolloutLook>(
    {
      look: signal => lookAt(deps, plan, signal),
      isOver: look => {
        verdict = judge(look)
        if (verdict.state !== 'done') healthyLooks = 0
        else healthyLooks++
        if (verdict.state === 'failed') return true
        const needed = plan.live || plan.goal === 'delete' ? 1 : SETTLED_LOOKS
        return verdict.state === 'done' && healthyLooks >= needed
      }
    },
    {
      timeoutMs: deps.deadline - deps.clock.now(),
      pollIntervalMs: deps.pollIntervalMs,
      clock: deps.clock,
      log: deps.log,
      signal: deps.signal,
      observers: [
        {
          saw: look => {
            plan.saw?.(look)
            const reason = judge(look).reason
            if (reason === lastReason) return
            lastReason = reason
            deps.log.info(
              `Environment ${plan.env.envKey}: ${untrusted(reason)}`
            )
          }
        }
      ]
    }
  )
  return { how: end.how, look: end.last, verdict }
}
