// Builds: POST /openapi/build?source=template and GET /openapi/build/:name/detail
// (docs/zadigx-api.md#builds).
import {
  emptyError,
  invalidParam,
  NO_DOCUMENTS,
  plainError,
  zadigError
} from './errors.js'
import type { Route } from './http.js'
import { ok, success } from './response.js'
import type { RouteContext } from './routes.js'
import { mayUse } from './users.js'

/** A build made from a template. */
export interface SimBuild {
  name: string
  project: string
  template: string
  targets: { service_name: string; service_module: string }[]
  updateBy: string
}

/** The build templates, by name. */
export const SIM_BUILD_TEMPLATES = ['go-build']

type Body = Record<string, unknown>

/** The build routes (koderover/zadig@v1.18.0:…/build/handler/router.go:44-53). */
export function buildRoutes(ctx: RouteContext): Route[] {
  // demo's build of svc-a, to show a name already taken.
  const builds: SimBuild[] = [
    {
      name: 'svc-a-build',
      project: 'demo',
      template: 'go-build',
      targets: [{ service_name: 'svc-a', service_module: 'svc-a' }],
      updateBy: 'admin'
    }
  ]
  const create: Route['handler'] = req => {
    if (req.query.source !== 'template')
      return invalidParam('only source=template is modelled')
    const body = (req.body ?? {}) as Body
    const project = String(body.project_key ?? '')
    // A member of the project (or a system admin) at every tag (…/handler/openapi.go, v1.18.0:46-57).
    if (!mayUse(req.user, project)) return emptyError(403)
    const name = String(body.name ?? '').trim()
    const targets = Array.isArray(body.target_services)
      ? (body.target_services as Body[])
      : []
    if (!name) return invalidParam('build name cannot be empty')
    if (!body.template_name)
      return invalidParam('template name cannot be empty')
    if (targets.length < 1)
      return invalidParam('target_service must have at least one item in it')
    if (!SIM_BUILD_TEMPLATES.includes(String(body.template_name)))
      return plainError(
        `failed to find the build template specified by the user, template name: [${String(body.template_name)}], err: ${NO_DOCUMENTS}`
      )
    for (const t of targets)
      for (const r of (Array.isArray(t.repo_info) ? t.repo_info : []) as Body[])
        if (!ctx.codeHosts.some(h => h.alias === r.codehost_name))
          return plainError(
            `failed to convert user repository input info into system repository, codehostName: [${String(r.codehost_name)}], repoName[${String(r.repo_name)}], err: ${NO_DOCUMENTS}`
          )
    // Names are unique across projects (…/mongodb/build.go, v1.18.0:72-79,230-243).
    const taken = builds.find(b => b.name === name)
    if (taken)
      return zadigError(
        6520,
        `${taken.project}项目中有相同的构建名称存在,请检查!`
      )
    builds.push({
      name,
      project,
      template: String(body.template_name),
      targets: targets.map(t => ({
        service_name: String(t.service_name ?? ''),
        service_module: String(t.service_module ?? '')
      })),
      updateBy: req.user?.name ?? 'system'
    })
    return success()
  }
  const detail: Route['handler'] = (req, params) => {
    const project = req.query.projectKey ?? ''
    if (!project) return invalidParam('empty projectKey.')
    const b = builds.find(x => x.name === params.name && x.project === project)
    if (!b) return zadigError(6523, NO_DOCUMENTS)
    return ok({
      project_key: b.project,
      name: b.name,
      source: 'template',
      target_services: b.targets,
      template_name: b.template,
      update_by: b.updateBy,
      update_time: Math.floor(ctx.clock.now() / 1000),
      repos: [],
      build_env: null,
      advanced_settings: null,
      build_script: '',
      parameters: [],
      outputs: [],
      post_build: null
    })
  }
  return [
    { method: 'POST', pattern: '/openapi/build', handler: create },
    { method: 'GET', pattern: '/openapi/build/:name/detail', handler: detail }
  ]
}
