// Service templates of project demo: GET /openapi/service/yaml/services and
// /yaml/:name, with their production twins (docs/zadigx-api.md#service-templates).
import { invalidParam, NO_DOCUMENTS, plainError } from './errors.js'
import type { Route } from './http.js'
import { ok } from './response.js'

/** One service template. */
export interface SimServiceTemplate {
  project: string
  name: string
  production: boolean
  image: string
  variables: { key: string; value: string }[]
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
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${t.name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${t.name}\n          image: ${t.image}\n`
}

const container = (t: SimServiceTemplate) => ({
  name: t.name,
  image: t.image,
  image_name: t.name
})

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
  return [
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
