// The environment-config OpenAPI routes (docs/zadigx-api.md#env-configs): list and
// read by type, a create that applies the object, and an update that replaces it and
// restarts the services using it at once (the environment does not turn busy). The
// same at every version from v1.18.0 to v5.0.0.
import { parseDocument } from 'yaml'
import { decodeStruct } from './bind.js'
import {
  rollPods,
  type SimEnvConfig,
  type SimEnvironment
} from './environments.js'
import { find, type EnvRouteContext } from './env-views.js'
import { invalidParam, NO_DOCUMENTS, plainError, zadigError } from './errors.js'
import type { Route, SimRequest } from './http.js'
import { ok, success, type SimResponse } from './response.js'

type Handler = Route['handler']
type CfgType = SimEnvConfig['type']

const TYPES: readonly string[] = ['ConfigMap', 'Secret', 'Ingress', 'PVC']
// The detail's key per type (…/service/types.go, v1.18.0:319-324).
const DETAIL_KEY: Record<CfgType, string> = {
  ConfigMap: 'configMap_detail',
  Secret: 'secret_detail',
  Ingress: 'ingress_detail',
  PVC: 'pvc_detail'
}
const ARGS = {
  name: 'string',
  common_env_cfg_type: 'string',
  env_key: 'string',
  service_name: 'string',
  services: 'array',
  yaml_data: 'string'
} as const

const isType = (t: string): t is CfgType => TYPES.includes(t)
const configs = (env: SimEnvironment): SimEnvConfig[] => (env.configs ??= [])

// A list failure per type: ListConfigMaps 6088, the others 6094 (…/service/configmap.go, v1.18.0:90).
const listFailure = (type: CfgType): SimResponse =>
  zadigError(type === 'ConfigMap' ? 6088 : 6094, NO_DOCUMENTS)

/** GET …/:name/envcfgs and …/:name/envcfg/:cfgName: a bad type is checked before the environment. */
function read(ctx: EnvRouteContext, one: boolean): Handler {
  return (req, params) => {
    const project = req.query.projectKey ?? ''
    if (!project) return invalidParam("projectKey can't be empty")
    const type = req.query.type ?? ''
    if (!isType(type)) return plainError(`invalid common env cfg type: ${type}`)
    const env = find(ctx, project, params.name ?? '')
    if (!env) return listFailure(type)
    const ofType = configs(env).filter(c => c.type === type)
    if (!one) return ok(ofType.map(c => brief(env, c)))
    const c = ofType.find(x => x.name === params.cfgName)
    if (!c) return plainError('not found')
    return ok({ [DETAIL_KEY[type]]: { ...brief(env, c), ...more(env, c) } })
  }
}

function brief(env: SimEnvironment, c: SimEnvConfig) {
  return {
    name: c.name,
    env_name: env.key,
    project_name: env.project,
    common_env_cfg_type: c.type,
    update_by: c.updateBy,
    update_time: Math.floor(c.updateMs / 1000)
  }
}

function more(env: SimEnvironment, c: SimEnvConfig) {
  return {
    project_key: env.project,
    env_key: env.key,
    yaml_data: c.yaml,
    source_detail: null,
    ...(c.type === 'Ingress' ? {} : { services: c.services })
  }
}

/** The object's kind and name, or the server's refusal (…/common_env_cfg.go, v1.18.0:230-263). */
function parsed(yaml: string, type: string): { name: string } | SimResponse {
  const doc = parseDocument(yaml)
  const data = doc.errors.length ? undefined : (doc.toJS() as unknown)
  if (typeof data !== 'object' || data === null)
    return zadigError(6095, 'error converting YAML to JSON')
  const o = data as { kind?: unknown; metadata?: { name?: unknown } }
  const kind = typeof o.kind === 'string' ? o.kind : ''
  const want = type === 'PVC' ? 'PersistentVolumeClaim' : type
  if (kind !== want)
    return zadigError(
      6095,
      `param commonEnvCfgType:${type} not match yaml kind ${kind} `
    )
  const name = o.metadata?.name
  return { name: typeof name === 'string' ? name : '' }
}

// OpenAPIEnvCfgArgs.Validate (…/service/types.go, v1.18.0:407-424).
function invalid(v: Record<string, unknown>, project: string) {
  if (!v.name) return 'name is required'
  if (!v.env_key) return 'env_key is required'
  if (!project) return 'projectKey is required'
  if (!v.common_env_cfg_type) return 'common_env_cfg_type is required'
  if (!v.yaml_data) return 'yaml_data is required'
  return undefined
}

const userName = (req: SimRequest): string => req.user?.name ?? 'system'

/** POST …/:name/envcfgs (…/handler/openapi.go, v1.18.0:304-335; one handler for both routes). */
function create(ctx: EnvRouteContext): Handler {
  return (req, params) => {
    const decoded = decodeStruct(req.rawBody, ARGS, 'service.OpenAPIEnvCfgArgs')
    if (!decoded.ok) return plainError(decoded.error)
    const project = req.query.projectKey ?? ''
    if (!project) return invalidParam("projectKey can't be empty")
    const v: Record<string, unknown> = {
      ...decoded.value,
      env_key: params.name ?? ''
    }
    const problem = invalid(v, project)
    if (problem) return plainError(problem)
    const type = String(v.common_env_cfg_type)
    const object = parsed(String(v.yaml_data), type)
    if ('status' in object) return object
    const env = find(ctx, project, params.name ?? '')
    if (!env) return zadigError(6095, NO_DOCUMENTS)
    if (!isType(type)) return zadigError(6095, `${type} is not support create`)
    const taken = configs(env).find(
      c => c.type === type && c.name === object.name
    )
    // ConfigMaps and PVCs are created; Secrets and Ingresses created or updated.
    if (taken && (type === 'ConfigMap' || type === 'PVC'))
      return zadigError(
        6095,
        `${type === 'PVC' ? 'persistentvolumeclaims' : 'configmaps'} "${object.name}" already exists`
      )
    const at = ctx.clock.now()
    if (taken) Object.assign(taken, { yaml: v.yaml_data, updateMs: at })
    else
      configs(env).push({
        type,
        name: object.name,
        yaml: String(v.yaml_data),
        services: [],
        updateBy: userName(req),
        updateMs: at
      })
    return success()
  }
}

/** PUT …/envcfgs: RestartAssociatedSvc is set (…/service/openapi.go, v1.18.0:1021-1032). */
function update(ctx: EnvRouteContext): Handler {
  return req => {
    const decoded = decodeStruct(req.rawBody, ARGS, 'service.OpenAPIEnvCfgArgs')
    if (!decoded.ok)
      return zadigError(
        6076,
        `failed to unmarshal request data err : ${decoded.error}`
      )
    const v = decoded.value
    const project = req.query.projectKey ?? ''
    const problem = invalid(v, project)
    if (problem)
      return zadigError(
        6076,
        `failed to validate request data err : ${problem}`
      )
    const type = String(v.common_env_cfg_type)
    const object = parsed(String(v.yaml_data), type)
    if ('status' in object) return object
    if (!isType(type)) return zadigError(6095, `${type} is not support update`)
    const code = type === 'ConfigMap' ? 6089 : 6095
    if (object.name !== v.name)
      return zadigError(code, `${type.toLowerCase()} Yaml Name is incorrect`)
    const env = find(ctx, project, String(v.env_key))
    if (!env) return zadigError(code, NO_DOCUMENTS)
    const c = configs(env).find(x => x.type === type && x.name === v.name)
    if (!c)
      return zadigError(
        code,
        `${type.toLowerCase()}s "${object.name}" not found`
      )
    c.yaml = String(v.yaml_data)
    c.updateBy = userName(req)
    c.updateMs = ctx.clock.now()
    restart(ctx, env, c)
    return success()
  }
}

// ConfigMap and Secret users are restarted; a PVC is looked up among the Secrets
// (…/service/pvc.go, v1.18.0:221), which the model holds apart: nothing restarts.
function restart(ctx: EnvRouteContext, env: SimEnvironment, c: SimEnvConfig) {
  if (c.type !== 'ConfigMap' && c.type !== 'Secret') return
  for (const s of env.services)
    if (c.services.includes(s.name))
      rollPods(s, s.image, ctx.clock.now(), ctx.broken)
}

/** The environment-config routes of both kinds of environment. */
export function envConfigRoutes(ctx: EnvRouteContext): Route[] {
  const r = (method: string, pattern: string, handler: Handler): Route => ({
    method,
    pattern,
    handler
  })
  const twins = (prefix: string): Route[] => [
    r('PUT', `${prefix}/envcfgs`, update(ctx)),
    r('POST', `${prefix}/:name/envcfgs`, create(ctx)),
    r('GET', `${prefix}/:name/envcfgs`, read(ctx, false)),
    r('GET', `${prefix}/:name/envcfg/:cfgName`, read(ctx, true))
  ]
  return [
    ...twins('/openapi/environments/production'),
    ...twins('/openapi/environments')
  ]
}
