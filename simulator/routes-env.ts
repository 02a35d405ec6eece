// The environment OpenAPI routes (docs/zadigx-api.md#env-routes): reads computed
// from the model at the virtual now, writes that mark the environment busy and
// return, the busy refusal in both of its shapes, and the per-version switches.
import { decodeStruct } from './bind.js'
import {
  ENV_TIMING,
  markBusy,
  rollPods,
  scalePods,
  settle,
  type SimEnvironment,
  type SimEnvService
} from './environments.js'
import {
  brief,
  detail,
  find,
  liveView,
  withEnv,
  type EnvRouteContext
} from './env-views.js'
import { invalidParam, NO_DOCUMENTS, plainError, zadigError } from './errors.js'
import type { Route, SimRequest } from './http.js'

export type { EnvRouteContext } from './env-views.js'
import { ok, success, type SimResponse } from './response.js'
import { subEnvOf } from './routes-share-env.js'

type Handler = Route['handler']

/** EnvCantUpdatedMsg (…/tool/errors/const.go, v1.18.0:44). */
export const ENV_BUSY_TEXT = '环境正处于不能更新的状态'

const busyRefusal = (): SimResponse => zadigError(6076, ENV_BUSY_TEXT)
// E7/E9 wrap the refusal in a multierror: a plain 500 (…/service/openapi.go, v1.18.0:169-215).
const busyMultierror = (): SimResponse =>
  plainError(`1 error occurred:\n\t* 更新环境失败: ${ENV_BUSY_TEXT}\n\n`)

const userName = (req: SimRequest): string => req.user?.name ?? 'system'

function list(ctx: EnvRouteContext, production: boolean): Handler {
  return req => {
    const project = req.query.projectKey ?? ''
    if (!project) return invalidParam('projectKey is empty')
    const envs = ctx.environments.filter(e => {
      settle(e, ctx.clock)
      return e.project === project && !e.deleted && e.production === production
    })
    return ok(envs.map(e => brief(ctx, e)))
  }
}

function getService(ctx: EnvRouteContext): Handler {
  return (req, params) => {
    const project = req.query[ctx.env.serviceViewQuery] ?? ''
    const env = find(ctx, project, params.name ?? '')
    if (!env) return plainError(NO_DOCUMENTS)
    const s = env.services.find(x => x.name === params.serviceName)
    if (!s)
      return plainError(`failed to find service ${params.serviceName ?? ''}`)
    return ok(liveView(ctx, env, s))
  }
}

function setImage(
  ctx: EnvRouteContext,
  type: SimEnvService['workloadType']
): Handler {
  return req => {
    const decoded = decodeStruct(
      req.rawBody,
      {
        product_name: 'string',
        env_name: 'string',
        service_name: 'string',
        name: 'string',
        container_name: 'string',
        image: 'string'
      },
      'handler.OpenAPIUpdateContainerImageArgs'
    )
    if (!decoded.ok) return invalidParam(decoded.error)
    const v = decoded.value as Record<string, string | undefined>
    // The OpenAPI body cannot name a production environment (…/handler/image.go, v2.2.0:285-293).
    const env = find(ctx, v.product_name ?? '', v.env_name ?? '')
    const s = env?.production
      ? undefined
      : env?.services.find(x => x.name === v.service_name)
    if (
      !env ||
      !s ||
      s.workload !== v.name ||
      s.workloadType !== type ||
      s.container !== v.container_name
    )
      return zadigError(
        6082,
        `failed to update container image: ${v.name ?? ''} not found`
      )
    s.image = v.image ?? ''
    rollPods(s, s.image, ctx.clock.now(), ctx.broken)
    return success()
  }
}

function restart(ctx: EnvRouteContext): Handler {
  return withEnv(ctx, (env, _req, params) => {
    const s = env.services.find(x => x.name === params.serviceName)
    // A service that is not in the environment is restarted as nothing (E14).
    if (s) rollPods(s, s.image, ctx.clock.now(), ctx.broken)
    return success()
  })
}

function scale(ctx: EnvRouteContext): Handler {
  return req => {
    const decoded = decodeStruct(
      req.rawBody,
      {
        project_key: 'string',
        env_key: 'string',
        service_name: 'string',
        workload_name: 'string',
        workload_type: 'string',
        target_replicas: 'int64'
      },
      'service.OpenAPIScaleServiceReq'
    )
    if (!decoded.ok) return emptyBind()
    const v = decoded.value
    if (!v.project_key) return plainError('project_key is required')
    if (!v.env_key) return plainError('env_key is required')
    const type = String(v.workload_type ?? '')
    if (type !== 'Deployment' && type !== 'StatefulSet')
      return plainError('unsupported workload type')
    const env = find(ctx, String(v.project_key), String(v.env_key))
    if (!env) return zadigError(6081, NO_DOCUMENTS)
    const s = env.services.find(
      x => x.workload === v.workload_name && x.workloadType === type
    )
    if (!s)
      return ctx.env.scaleReportsErrors
        ? zadigError(
            6081,
            `failed to find ${type} ${String(v.workload_name ?? '')}`
          )
        : success()
    scalePods(s, Number(v.target_replicas ?? 0), ctx.clock.now(), ctx.broken)
    return success()
  }
}

const emptyBind = (): SimResponse => ({ status: 400 })

function updateServices(ctx: EnvRouteContext): Handler {
  return withEnv(
    ctx,
    (env, req) => {
      if (env.busy) return busyMultierror()
      const list =
        (req.body as { service_list?: { service_name?: string }[] } | undefined)
          ?.service_list ?? []
      const targets = list.map(x =>
        env.services.find(s => s.name === x.service_name)
      )
      if (targets.some(t => !t))
        return busyless(`service not found in env ${env.key}`)
      const at = markBusy(env, 'updating', ctx.clock, userName(req))
      for (const s of targets) if (s) rollPods(s, s.image, at, ctx.broken)
      return success()
    },
    () => zadigError(404, NO_DOCUMENTS)
  )
}

const busyless = (text: string): SimResponse =>
  plainError(`1 error occurred:\n\t* 更新环境失败: ${text}\n\n`)

function deleteEnv(ctx: EnvRouteContext, production: boolean): Handler {
  return withEnv(ctx, (env, req) => {
    if (!production && !['true', 'false'].includes(req.query.isDelete ?? ''))
      return zadigError(
        6096,
        `strconv.ParseBool: parsing "${req.query.isDelete ?? ''}": invalid syntax`
      )
    if (env.busy) return busyRefusal()
    markBusy(env, 'deleting', ctx.clock, userName(req))
    return success()
  })
}

function variables(ctx: EnvRouteContext): Handler {
  return withEnv(
    ctx,
    env =>
      ok(
        env.variables.map(v => ({
          ...v,
          type: 'string',
          options: null,
          desc: ''
        }))
      ),
    () => zadigError(6078, NO_DOCUMENTS)
  )
}

function setVariables(ctx: EnvRouteContext): Handler {
  return withEnv(ctx, (env, req) => {
    if (env.busy) return busyRefusal()
    const sent = (
      (req.body as { global_variables?: { key?: string; value?: string }[] })
        ?.global_variables ?? []
    ).map(v => ({ key: String(v.key ?? ''), value: String(v.value ?? '') }))
    const next = ctx.env.variablesReplace
      ? replaced(env, sent)
      : merged(env, sent)
    if (typeof next === 'string') return zadigError(6076, next)
    const changed = next.filter(
      v => env.variables.find(o => o.key === v.key)?.value !== v.value
    )
    env.variables = next
    const services = env.services.filter(s =>
      changed.some(v => v.related_services.includes(s.name))
    )
    if (services.length === 0) return success()
    const at = markBusy(env, 'updating', ctx.clock, userName(req))
    for (const s of services) rollPods(s, s.image, at, ctx.broken)
    return success()
  })
}

// v1.18: every key must exist; the stored keys not sent are kept (E11).
function merged(env: SimEnvironment, sent: { key: string; value: string }[]) {
  const unknown = sent.find(v => !env.variables.some(o => o.key === v.key))
  if (unknown)
    return `variable ${unknown.key} not exist in env global variables, env:${env.key}, project:${env.project}`
  return env.variables.map(o => ({
    ...o,
    value: sent.find(v => v.key === o.key)?.value ?? o.value
  }))
}

// v3.1+: the list sent is the whole set; new keys must be the project's, used keys stay (E11).
function replaced(env: SimEnvironment, sent: { key: string; value: string }[]) {
  const stranger = sent.find(
    v =>
      !env.projectVariables.includes(v.key) &&
      !env.variables.some(o => o.key === v.key)
  )
  if (stranger)
    return `added global variable ${stranger.key} is not in project's global variable list`
  const dropped = env.variables.find(
    o => o.related_services.length > 0 && !sent.some(v => v.key === o.key)
  )
  if (dropped)
    return `global variable ${dropped.key} is used by services, can't delete it`
  return sent.map(v => ({
    ...v,
    related_services:
      env.variables.find(o => o.key === v.key)?.related_services ?? []
  }))
}

// E3: Validate() errors are plain 500s; a duplicate or an unknown service is 6074
// (…/service/types.go, v1.18.0:465-487; …/service/environment.go, v1.18.0:2736).
function createEnv(ctx: EnvRouteContext): Handler {
  return req => {
    const project = req.query.projectKey ?? ''
    const body = (req.body ?? {}) as Record<string, unknown>
    for (const field of ['env_key', 'cluster_id', 'namespace', 'registry_id'])
      if (typeof body[field] !== 'string' || body[field] === '')
        return plainError(
          `${field === 'env_key' ? 'env key' : field} is required`
        )
    const list = Array.isArray(body.services)
      ? (body.services as {
          service_name?: string
          containers?: { name?: string; image?: string }[]
        }[])
      : []
    if (list.length === 0) return plainError('services is required')
    const key = String(body.env_key)
    if (
      ctx.environments.some(
        e => e.project === project && e.key === key && !e.deleted
      )
    )
      return zadigError(6074, '环境已存在')
    const base = ctx.environments.find(
      e => e.project === project && !e.production
    )
    const known = base?.services ?? []
    const baseKey = base?.key ?? ''
    const wanted = list.map(x => known.find(s => s.name === x.service_name))
    if (wanted.some(w => !w)) return zadigError(6074, 'service not found')
    const now = ctx.clock.now()
    const untilMs = now + ENV_TIMING.applyMs
    const services = list.map((x, i) => {
      const from = wanted[i]!
      const image = x.containers?.[0]?.image || from.image
      // An ingress rendered per environment: the copy's hosts hold its own key.
      const hosts = from.hosts?.map(h => h.split(baseKey).join(key))
      const s = { ...from, image, pods: [], hosts }
      rollPods(s, image, untilMs, ctx.broken)
      return s
    })
    const vars = Array.isArray(body.global_variables)
      ? (body.global_variables as { key: string; value: string }[])
      : []
    const shareEnv = subEnvOf(ctx, project, body)
    ctx.environments.push({
      project,
      key,
      production: false,
      namespace: String(body.namespace),
      ...shareEnv,
      busy: { status: 'creating', untilMs },
      services,
      variables: vars.map(v => ({
        key: String(v.key),
        value: String(v.value),
        related_services: []
      })),
      projectVariables: base?.projectVariables ?? [],
      updateBy: req.user?.name ?? 'system',
      updateMs: now
    })
    return success()
  }
}

// Lets a polling client in another process move virtual time (README).
function getDetail(ctx: EnvRouteContext): Handler {
  const read = withEnv(ctx, env => ok(detail(ctx, env)))
  return (req, params) => {
    ctx.clock.advance(ctx.advancePerPollMs)
    return read(req, params)
  }
}

/** The environment routes of this profile; literal paths before parameterised ones. */
export function envRoutes(ctx: EnvRouteContext): Route[] {
  const r = (method: string, pattern: string, handler: Handler): Route => ({
    method,
    pattern,
    handler
  })
  const e = '/openapi/environments'
  const twins = (prefix: string, production: boolean): Route[] => [
    r('GET', prefix, list(ctx, production)),
    r('GET', `${prefix}/:name`, getDetail(ctx)),
    r('DELETE', `${prefix}/:name`, deleteEnv(ctx, production)),
    r('PUT', `${prefix}/:name/services`, updateServices(ctx)),
    r('GET', `${prefix}/:name/variable`, variables(ctx)),
    r('PUT', `${prefix}/:name/variable`, setVariables(ctx)),
    r('POST', `${prefix}/:name/service/:serviceName/restart`, restart(ctx)),
    ...(ctx.env.liveRoutes
      ? [r('GET', `${prefix}/:name/services/:serviceName`, getService(ctx))]
      : [])
  ]
  return [
    ...(ctx.env.liveRoutes
      ? [
          r(
            'POST',
            `${e}/image/deployment/:envName`,
            setImage(ctx, 'Deployment')
          ),
          r(
            'POST',
            `${e}/image/statefulset/:envName`,
            setImage(ctx, 'StatefulSet')
          )
        ]
      : []),
    r('POST', `${e}/scale`, scale(ctx)),
    r('POST', e, createEnv(ctx)),
    ...twins(`${e}/production`, true),
    ...twins(e, false)
  ]
}
