// When an environment has applied a change and its services are healthy: the rule
// over one look at the environment (docs/zadigx-api.md#env-status, #env-service-detail).
// Statuses are compared in lower case: ZadigX v1.8 and later lower-case them.
import type {
  EnvDetail,
  EnvService,
  LivePod,
  LiveService
} from '../zadig/env-types.js'

/** Environment statuses while ZadigX is still applying a write. */
export const ENV_BUSY: ReadonlySet<string> = new Set([
  'creating',
  'updating',
  'deleting'
])

/** Environment statuses that say the last write did not apply. */
export const ENV_FAILED: ReadonlySet<string> = new Set(['failed', 'unknown'])

/** Service statuses of pods that all run and are Ready (or completed). */
const SERVICE_HEALTHY: ReadonlySet<string> = new Set(['running', 'succeeded'])

/** Service statuses that will not get better by waiting. */
const SERVICE_FAILED: ReadonlySet<string> = new Set(['failed'])

/** Container states (`reason`) that fail the rollout at once. */
const STUCK_REASONS: ReadonlySet<string> = new Set([
  'imagepullbackoff',
  'errimagepull',
  'invalidimagename',
  'crashloopbackoff',
  'createcontainerconfigerror',
  'createcontainererror'
])

/** The lower-cased status, '' when the server sent none or not a string. */
export function statusOf(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : ''
}

/** What a rollout expects of one service. */
export interface ServiceExpectation {
  service: string
  /** The image the named container (or every container) must run. */
  image?: string
  container?: string
  /** Ready pods wanted (scale); 0 means none may be left. */
  replicas?: number
  /** Pods that must be gone (a restart replaces them). */
  replacedPods?: readonly string[]
}

/** One look: the environment (null once it is gone) and the live view of services. */
export interface RolloutLook {
  env: EnvDetail | null
  /** Per service, where the server has the live view (Zadig v2.2+). */
  live: Map<string, LiveService>
}

/** What a look says. */
export interface RolloutVerdict {
  state: 'waiting' | 'done' | 'failed'
  /** Why it is waiting or failed, in words (server text included, unescaped). */
  reason: string
}

const waiting = (reason: string): RolloutVerdict => ({
  state: 'waiting',
  reason
})
const failed = (reason: string): RolloutVerdict => ({ state: 'failed', reason })

/** The verdict for a write that should leave the environment in place. */
export function judgeRollout(
  look: RolloutLook,
  expected: readonly ServiceExpectation[]
): RolloutVerdict {
  const { env } = look
  if (!env) return failed('the environment no longer exists')
  const status = statusOf(env.status)
  if (ENV_BUSY.has(status))
    return waiting(`the environment is ${status || 'busy'}`)
  if (ENV_FAILED.has(status))
    return failed(`the environment's status is ${status}`)
  for (const want of expected) {
    const verdict = judgeService(env, look.live.get(want.service), want)
    if (verdict.state !== 'done') return verdict
  }
  return { state: 'done', reason: 'applied and healthy' }
}

function judgeService(
  env: EnvDetail,
  live: LiveService | undefined,
  want: ServiceExpectation
): RolloutVerdict {
  const name = want.service
  const service = (env.services ?? []).find(s => s.service_name === name)
  if (!service) return failed(`service ${name} is not in the environment`)
  if (live) {
    const verdict = judgePods(live, want)
    if (verdict.state !== 'done') return verdict
  }
  if (want.replicas === 0) return { state: 'done', reason: '' }
  return judgeStatus(service)
}

function judgeStatus(service: EnvService): RolloutVerdict {
  const status = statusOf(service.status)
  const name = service.service_name
  if (SERVICE_HEALTHY.has(status)) return { state: 'done', reason: '' }
  if (SERVICE_FAILED.has(status))
    return failed(`service ${name} is ${service.status}`)
  return waiting(`service ${name} is ${service.status || 'not reported yet'}`)
}

function podsOf(live: LiveService): LivePod[] {
  return (live.scales ?? []).flatMap(w => w.pods ?? [])
}

/** Pods: none stuck, every one on the expected image and ready, as many as wanted. */
function judgePods(
  live: LiveService,
  want: ServiceExpectation
): RolloutVerdict {
  const pods = podsOf(live)
  const name = want.service
  for (const pod of pods) {
    const stuck = stuckContainer(pod)
    if (stuck) return failed(`service ${name}: pod ${pod.name} ${stuck}`)
  }
  const stale = pods.filter(p => want.replacedPods?.includes(p.name))
  if (stale.length > 0)
    return waiting(
      `service ${name}: ${stale.length} of ${pods.length} pods are still the ones from before`
    )
  if (want.image) {
    const old = pods.filter(p => !runsImage(p, want))
    if (old.length > 0)
      return waiting(
        `service ${name}: ${old.length} of ${pods.length} pods do not run ${want.image} yet`
      )
  }
  const ready = pods.filter(p => p.pod_ready === true).length
  if (want.replicas !== undefined) {
    if (ready !== want.replicas || pods.length !== want.replicas)
      return waiting(
        `service ${name}: ${ready} of ${want.replicas} pods ready (${pods.length} exist)`
      )
    return { state: 'done', reason: '' }
  }
  if (pods.length === 0) return waiting(`service ${name} has no pods yet`)
  if (ready < pods.length)
    return waiting(`service ${name}: ${ready} of ${pods.length} pods ready`)
  return { state: 'done', reason: '' }
}

function stuckContainer(pod: LivePod): string | undefined {
  for (const c of pod.containers ?? []) {
    const reason = statusOf(c.reason)
    if (STUCK_REASONS.has(reason))
      return `container ${c.name}: ${c.reason}${c.message ? ` (${c.message})` : ''}`
  }
  return undefined
}

function runsImage(pod: LivePod, want: ServiceExpectation): boolean {
  const containers = (pod.containers ?? []).filter(
    c => !want.container || c.name === want.container
  )
  return containers.length > 0 && containers.every(c => c.image === want.image)
}

/** The verdict for a delete: done once ZadigX no longer has the environment. */
export function judgeDeletion(look: RolloutLook): RolloutVerdict {
  if (!look.env) return { state: 'done', reason: 'deleted' }
  const status = statusOf(look.env.status)
  if (status === 'unknown' || status === 'failed')
    return failed(`the delete did not finish: the status is ${status}`)
  return waiting(`the environment is ${status || 'still there'}`)
}
