// Service templates of project demo: GET /openapi/service/yaml/services and
// /yaml/:name, with their production twins (docs/zadigx-api.md#service-templates);
// POST /yaml/raw and PUT /yaml/:name write them (#service-write).
import {
  emptyError,
  invalidParam,
  NO_DOCUMENTS,
  plainError,
  zadigError
} from './errors.js'
import type { Route } from './http.js'
import { ok } from './response.js'

/** One service template. */
export interface SimServiceTemplate {
  project: string
  name: string
  production: boolean
  image: string
  variables: { key: string; value: string }[]
  /** The YAML as written (create-service, update-service); else one Deployment. */
  yaml?: string
  /** How many times the template was written after its creation. */
  revisions?: number
}

/** demo's templates: svc-a and svc-b (test) and svc-a (production). */
export function defaultServiceTemplates(): SimServiceTemplate[] {
  const t = (name: string, production: boolean, tag: string) => ({
    project: 'demo',
    name,
    production,
    image: `harbor.example.com/library/${name}:${tag}`,
    variables: [{ key: 'LOG_LEVEL', value: 'info' }]
  })
  return [
    t('svc-a', false, '1.0.0'),
    t('svc-b', false, '1.0.0'),
    t('svc-a', true, '0.9.0')
  ]
}

function yamlOf(t: SimServiceTemplate): string {
  if (t.yaml !== undefined) return t.yaml
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${t.name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${t.name}\n          image: ${t.image}\n`
}

// The containers of a written YAML: every `image:` line (enough for the tests).
const container = (t: SimServiceTemplate) => {
  const written = t.yaml?.match(/image:\s*(\S+)/)?.[1]
  return { name: t.name, image: written ?? t.image, image_name: t.name }
}

/** The template routes (koderover/zadig@v1.18.0:…/service/handler/router.go:119-140). */
export function serviceRoutes(templates: SimServiceTemplate[]): Route[] {
  const of = (project: string, production: boolean) =>
    templates.filter(t => t.project === project && t.production === production)
  const list =
    (production: boolean): Route['handler'] =>
    req => {
      const project = req.query.projectKey ?? ''
      if (!project) return invalidParam('projectKey cannot be empty')
      return ok(
        of(project, production).map(t => ({
          service_name: t.name,
          source: 'spock',
          type: 'k8s',
          containers: [container(t)]
        }))
      )
    }
  const get =
    (production: boolean): Route['handler'] =>
    (req, params) => {
      const project = req.query.projectKey ?? ''
      if (!project) return invalidParam('projectKey cannot be empty')
      const t = of(project, production).find(x => x.name === params.name)
      if (!t)
        return plainError(
          `failed to get service from db, projectKey: ${project}, serviceName: ${params.name ?? ''}, error: ${NO_DOCUMENTS}`
        )
      return ok({
        service_name: t.name,
        source: 'spock',
        type: 'k8s',
        template_name: '',
        created_by: 'admin',
        created_time: 1_759_000_000,
        yaml: yamlOf(t),
        containers: [container(t)],
        service_variable_kvs: t.variables.map(v => ({
          ...v,
          type: 'string',
          options: null,
          desc: ''
        }))
      })
    }
  // DeleteServiceTemplate (…/service/handler/openapi.go, v1.18.0:267-284); a missing
  // template is not modelled beyond a success (not verified).
  const remove =
    (production: boolean): Route['handler'] =>
    (req, params) => {
      const project = req.query.projectKey ?? ''
      if (!project) return invalidParam('projectKey cannot be empty')
      const i = templates.findIndex(
        t =>
          t.project === project &&
          t.production === production &&
          t.name === params.name
      )
      if (i >= 0) templates.splice(i, 1)
      return ok({ message: 'success' })
    }
  const y = '/openapi/service/yaml'
  const write = writeRoutes(templates)
  return [
    ...write,
    { method: 'GET', pattern: `${y}/services`, handler: list(false) },
    { method: 'GET', pattern: `${y}/production/services`, handler: list(true) },
    { method: 'GET', pattern: `${y}/production/:name`, handler: get(true) },
    { method: 'GET', pattern: `${y}/:name`, handler: get(false) },
    {
      method: 'DELETE',
      pattern: `${y}/production/:name`,
      handler: remove(true)
    },
    { method: 'DELETE', pattern: `${y}/:name`, handler: remove(false) }
  ]
}

type Body = Record<string, unknown> | undefined

/**
 * POST /yaml/raw and PUT /yaml/:name with their production twins
 * (koderover/zadig@v1.18.0:…/service/handler/openapi.go:78-215; the same at v5.0.0:184-350).
 */
function writeRoutes(templates: SimServiceTemplate[]): Route[] {
  const find = (project: string, production: boolean, name: string) =>
    templates.find(
      t =>
        t.project === project && t.production === production && t.name === name
    )
  const create =
    (production: boolean): Route['handler'] =>
    req => {
      const project = req.query.projectKey ?? ''
      if (!project) {
        // The production handler answers a plain error here (openapi.go:135-137).
        const text = 'projectKey cannot be empty'
        return production ? plainError(text) : invalidParam(text)
      }
      const body = req.body as Body
      if (typeof body !== 'object' || body === null)
        return invalidParam('failed to unmarshal request body')
      const name =
        typeof body.service_name === 'string' ? body.service_name : ''
      const yaml = typeof body.yaml === 'string' ? body.yaml : ''
      if (find(project, production, name)) {
        const kind = production ? 'production_service' : 'service'
        return plainError(`${kind}:${name} already exists`)
      }
      // An empty name or YAML fails the template check (code 6045; its text not modelled).
      if (!name || !yaml)
        return zadigError(6045, 'service name and yaml are required')
      templates.push({
        project,
        name,
        production,
        image: '',
        variables: [],
        yaml,
        revisions: 0
      })
      return ok({ message: 'success' })
    }
  const update =
    (production: boolean): Route['handler'] =>
    (req, params) => {
      const body = req.body as Body
      if (typeof body !== 'object' || body === null) return emptyError(400)
      const project = req.query.projectKey ?? ''
      const yaml = typeof body.yaml === 'string' ? body.yaml : ''
      if (!project) return invalidParam('project name cannot be empty')
      if (typeof body.type !== 'string' || body.type === '')
        return invalidParam('type cannot be empty')
      if (!yaml) return invalidParam('yaml cannot be empty')
      const t = find(project, production, params.name ?? '')
      if (!t) {
        const text = production
          ? `failed to find service ${params.name ?? ''} in db, project:${project}, err: ${NO_DOCUMENTS}`
          : NO_DOCUMENTS
        return zadigError(6041, text)
      }
      t.yaml = yaml
      t.revisions = (t.revisions ?? 0) + 1
      return ok({ message: 'success' })
    }
  const y = '/openapi/service/yaml'
  return [
    { method: 'POST', pattern: `${y}/raw`, handler: create(false) },
    { method: 'POST', pattern: `${y}/production/raw`, handler: create(true) },
    { method: 'PUT', pattern: `${y}/production/:name`, handler: update(true) },
    { method: 'PUT', pattern: `${y}/:name`, handler: update(false) }
  ]
}
