// The share-env (self-test mode) readiness route of the environment OpenAPI
// (docs/zadigx-api.md#env-share-ready), Zadig v2.2+. The server reads the cluster,
// not the environment's record: the Istio label, the VirtualServices and the
// sidecars are there when the environment runs in share-env mode (a base or a
// sub-environment), and the workloads are ready when every pod is.
import { podsAt, settle, type SimEnvironment } from './environments.js'
import type { EnvRouteContext } from './env-views.js'
import { emptyError, invalidParam, NO_DOCUMENTS, plainError } from './errors.js'
import type { Route } from './http.js'
import { ok } from './response.js'
import { mayUse } from './users.js'

type Handler = Route['handler']

/** What the route answers for `env` at `now` (…/service/share_env.go, v5.0.0:197-258). */
export function shareEnvReady(env: SimEnvironment, op: string, now: number) {
  const shared = env.shareEnv !== undefined
  const checks = {
    namespace_has_istio_label: shared,
    virtualservice_deployed: shared,
    pods_have_istio_proxy: shared,
    workloads_ready: env.services.every(s =>
      podsAt(s, now).every(p => p.readyMs <= now)
    ),
    workloads_have_k8s_service: true
  }
  // CheckAndSetReady (…/service/types.go, v5.0.0:168-188): `enable` wants all three
  // share-env checks, any other op none of them; both want ready workloads.
  const istio = [
    checks.namespace_has_istio_label,
    checks.virtualservice_deployed,
    checks.pods_have_istio_proxy
  ]
  const is_ready =
    checks.workloads_ready &&
    (op === 'enable' ? istio.every(Boolean) : !istio.some(Boolean))
  return { is_ready, checks }
}

// OpenAPICheckShareEnvReady (…/handler/openapi.go, v5.0.0:1968-2020; v2.2.0:1465-1516):
// projectKey checked first, then a project admin or Env.EditConfig (members are
// modelled with it), then the environment; no licence check.
function checkReady(ctx: EnvRouteContext): Handler {
  return (req, params) => {
    const project = req.query.projectKey ?? ''
    if (!project) return invalidParam("projectKey can't be empty")
    if (!mayUse(req.user, project)) return emptyError(403)
    const key = params.name ?? ''
    const env = ctx.environments.find(
      e => e.project === project && e.key === key && !e.deleted
    )
    if (env) settle(env, ctx.clock)
    if (!env || env.deleted)
      return plainError(
        `failed to query env \`${key}\` in project \`${project}\`: ${NO_DOCUMENTS}`
      )
    return ok(shareEnvReady(env, params.op ?? '', ctx.clock.now()))
  }
}

// `sub_env` from v4.2 (…/service/openapi.go, v4.2.0:916-921): a sub-environment whose
// gray config fails without its base (…/environment.go, v5.0.0:2926-2933); how a
// base not in share-env mode fares is not modelled. Older servers drop the field.
/** What a create's `sub_env` makes of the new environment. */
export function subEnvOf(
  ctx: EnvRouteContext,
  project: string,
  body: Record<string, unknown>
): Pick<SimEnvironment, 'shareEnv' | 'settled'> {
  const sub = body.sub_env as { enable?: unknown; base_env?: unknown } | null
  if (!ctx.env.subEnv || sub?.enable !== true) return { settled: 'success' }
  const baseEnv = String(sub.base_env ?? '')
  const found = ctx.environments.some(
    e => e.project === project && e.key === baseEnv && !e.deleted
  )
  return {
    shareEnv: { isBase: false, baseEnv },
    settled: found ? 'success' : 'failed'
  }
}

/** The share-env routes of this profile. */
export function shareEnvRoutes(ctx: EnvRouteContext): Route[] {
  if (!ctx.env.shareEnvReady) return []
  return [
    {
      method: 'GET',
      pattern: '/openapi/environments/:name/check/sharenv/:op/ready',
      handler: checkReady(ctx)
    }
  ]
}
