// Projects: POST /openapi/projects/project (empty), POST …/init/yaml and /init/helm
// (with services and environments), GET …/detail (docs/zadigx-api.md#projects).
import { emptyError, NO_DOCUMENTS, plainError, zadigError } from './errors.js'
import { ENV_TIMING, rollPods, type SimEnvService } from './environments.js'
import type { Route, SimRequest } from './http.js'
import { ok, success } from './response.js'
import type { RouteContext } from './routes.js'

/** A project's record as the detail route shows it. */
export interface SimProject {
  key: string
  name: string
  deployType: string
  public: boolean
  description: string
  createdBy: string
  createdSec: number
}

/** The clusters environments may be created in, by name. */
export const SIM_CLUSTERS = ['local-cluster']

/** Service templates (YAML templates) a project's services may come from. */
export const SIM_YAML_TEMPLATES = [
  { name: 'nginx-template', image: 'nginx:1.25.3' }
]

type Handler = Route['handler']
type Body = Record<string, unknown>

const DEPLOY_TYPE: Record<string, string> = {
  yaml: 'k8s',
  helm: 'helm',
  loaded: 'k8s',
  vm: ''
}

/** The project routes (koderover/zadig@v1.18.0:…/project/handler/router.go:94-107). */
export function projectRoutes(ctx: RouteContext): Route[] {
  const records = new Map<string, SimProject>()
  const p = '/openapi/projects/project'
  const record = (key: string): SimProject | undefined =>
    records.get(key) ??
    (ctx.projects.includes(key)
      ? {
          key,
          name: key === 'demo' ? 'Demo' : key,
          deployType: 'k8s',
          public: false,
          description: '',
          createdBy: 'admin',
          createdSec: 1_700_000_000
        }
      : undefined)
  const insert = (req: SimRequest, body: Body, type: string) => {
    const key = String(body.project_key)
    if (record(key)) return zadigError(6060, 'mongo duplicate key error')
    records.set(key, {
      key,
      name: String(body.project_name),
      deployType: DEPLOY_TYPE[type] ?? '',
      public: body.is_public === true,
      description: typeof body.description === 'string' ? body.description : '',
      createdBy: req.user?.name ?? 'system',
      createdSec: Math.floor(ctx.clock.now() / 1000)
    })
    ctx.projects.push(key)
    return undefined
  }
  // v2.2.0 on: system admins only (…/project/handler/openapi.go, v2.2.0:43,93,129).
  const refused = (req: SimRequest) =>
    ctx.profile.openApiPermissions && !req.user?.systemAdmin
  const create: Handler = req => {
    if (refused(req)) return emptyError(403)
    const body = (req.body ?? {}) as Body
    const invalid = basicsProblem(body)
    if (invalid) return plainError(invalid)
    if (!Object.keys(DEPLOY_TYPE).includes(String(body.project_type)))
      return plainError('unsupported project type')
    return insert(req, body, String(body.project_type)) ?? success()
  }
  const init =
    (type: 'yaml' | 'helm'): Handler =>
    req => {
      if (refused(req)) return emptyError(403)
      const body = (req.body ?? {}) as Body
      const invalid = basicsProblem(body) ?? servicesProblem(body)
      if (invalid) return plainError(invalid)
      return (
        insert(req, body, type) ??
        addServices(ctx, body) ??
        addEnvironments(ctx, body, req.user?.name ?? 'system')
      )
    }
  const detail: Handler = req => {
    const key = req.query.projectKey ?? ''
    if (!key) return zadigError(400, 'projectKey is empty')
    // v2.2.0 on: only projects the user may see (…/handler/openapi.go, v2.2.0:207-236).
    if (
      ctx.profile.openApiPermissions &&
      !req.user?.systemAdmin &&
      !req.user?.projects.includes(key)
    )
      return emptyError(403)
    const r = record(key)
    if (!r) return plainError(NO_DOCUMENTS)
    return ok({
      project_name: r.name,
      project_key: r.key,
      is_public: r.public,
      desc: r.description,
      deploy_type: r.deployType,
      create_time: r.createdSec,
      created_by: r.createdBy
    })
  }
  return [
    { method: 'POST', pattern: p, handler: create },
    { method: 'POST', pattern: `${p}/init/yaml`, handler: init('yaml') },
    { method: 'POST', pattern: `${p}/init/helm`, handler: init('helm') },
    { method: 'GET', pattern: `${p}/detail`, handler: detail }
  ]
}

// Validate() (…/project/service/types.go, v1.18.0:36-54,119-148): plain 500s.
function basicsProblem(body: Body): string | undefined {
  if (typeof body.project_name !== 'string' || body.project_name === '')
    return 'project_name cannot be empty'
  if (!/^[a-z-\d]+$/.test(String(body.project_key ?? '')))
    return 'project key should match regex: ^[a-z-\\\\d]+$'
  return undefined
}

function servicesProblem(body: Body): string | undefined {
  const list = Array.isArray(body.service_list)
    ? (body.service_list as Body[])
    : []
  if (list.length === 0)
    return 'initializing a project with no services is not allowed'
  for (const s of list) {
    if (!s.service_name) return 'service_name cannot be empty'
    if (s.source === 'template' && !s.template_name)
      return 'template_name cannot be empty when the service source is template'
    if (s.source === 'yaml' && !s.yaml)
      return 'yaml cannot be empty when the service source is yaml'
    if (s.source !== 'template' && s.source !== 'yaml')
      return 'source of a service can only be of template or yaml'
  }
  return undefined
}

// The services are made one by one; a missing template stops there, the project
// and the services before it kept (…/project/service/openapi.go, v1.18.0:188-232).
function addServices(ctx: RouteContext, body: Body) {
  const project = String(body.project_key)
  for (const s of body.service_list as Body[]) {
    let image = String(s.yaml ?? '').match(/image:\s*(\S+)/)?.[1]
    if (s.source === 'template') {
      const t = SIM_YAML_TEMPLATES.find(x => x.name === s.template_name)
      if (!t) return plainError(NO_DOCUMENTS)
      image = t.image
    }
    ctx.serviceTemplates.push({
      project,
      name: String(s.service_name),
      production: false,
      image: image ?? 'nginx:latest',
      variables: [],
      ...(s.source === 'yaml' ? { yaml: String(s.yaml) } : {})
    })
  }
  return undefined
}

// Each environment gets every service; an unknown cluster stops the request with a
// plain 500 (…/project/service/openapi.go, v1.18.0:284-302). The key is `env_name`
// on v1.18.0 and `env_key` from ee-1.8.0 (…/service/types.go, ee-1.8.0:75-79).
function addEnvironments(ctx: RouteContext, body: Body, user: string) {
  const project = String(body.project_key)
  const field = ctx.profile.name === 'v1.18' ? 'env_name' : 'env_key'
  const templates = ctx.serviceTemplates.filter(
    t => t.project === project && !t.production
  )
  const now = ctx.clock.now()
  const untilMs = now + ENV_TIMING.applyMs
  for (const e of (Array.isArray(body.env_list)
    ? body.env_list
    : []) as Body[]) {
    const key = String(e[field] ?? '')
    if (!SIM_CLUSTERS.includes(String(e.cluster_name)))
      return plainError(
        `failed to find a cluster with name: ${String(e.cluster_name)} to create env: ${key}`
      )
    const services = templates.map(t => {
      const s: SimEnvService = {
        name: t.name,
        workload: t.name,
        workloadType: 'Deployment',
        container: t.name,
        image: t.image,
        replicas: 1,
        pods: []
      }
      rollPods(s, t.image, untilMs, ctx.broken)
      return s
    })
    ctx.environments.push({
      project,
      key,
      production: false,
      namespace: String(e.namespace ?? ''),
      settled: 'success',
      busy: { status: 'creating', untilMs },
      services,
      variables: [],
      projectVariables: [],
      updateBy: user,
      updateMs: now
    })
  }
  return success()
}
