// The delivery centre's OpenAPI (docs/zadigx-api.md#delivery-releases): none before
// v3.0.0; list and read by id in v3.x; list, read by name and create in v4.0.0+.
import { decodeStruct, queryInt } from './bind.js'
import type { DeliveryStore, SimRelease } from './delivery.js'
import { invalidParam, NO_DOCUMENTS, plainError, zadigError } from './errors.js'
import type { Route, SimRequest } from './http.js'
import type { Profile } from './profiles.js'
import { ok, success } from './response.js'

type Handler = Route['handler']

const RELEASES = '/openapi/delivery/releases'

/** The delivery routes of this profile. */
export function deliveryRoutes(
  profile: Profile,
  store: DeliveryStore
): Route[] {
  const route = (method: string, pattern: string, handler: Handler) => ({
    method,
    pattern,
    handler
  })
  if (profile.deliveryOpenApi === 'none') return []
  const list = route('GET', RELEASES, listReleases(profile, store))
  // v3.x: `releases/detail` reaches `releases/:id`; `k8s` reads another body.
  if (profile.deliveryOpenApi === 'by-id')
    return [
      list,
      route('GET', `${RELEASES}/:id`, releaseById(store)),
      route('POST', `${RELEASES}/k8s`, createV3(store))
    ]
  return [
    list,
    route('GET', `${RELEASES}/detail`, releaseByName(store)),
    route('POST', `${RELEASES}/k8s`, createFromEnv(store))
  ]
}

// OpenAPIListDeliveryVersionRequest: all three fields `binding:"required"`, so a
// missing (or zero) one is refused by ShouldBindQuery as ErrInvalidParam.
function listReleases(profile: Profile, store: DeliveryStore): Handler {
  return req => {
    const projectKey = req.query.projectKey ?? ''
    const pageNum = queryInt(req.query.pageNum, 0)
    const pageSize = queryInt(req.query.pageSize, 0)
    if (!projectKey || !pageNum || !pageSize)
      return invalidParam(
        "Key: 'OpenAPIListDeliveryVersionRequest' Error:Field validation failed on the 'required' tag"
      )
    const rows = store.releases
      .filter(r => r.project === projectKey)
      .sort((a, b) => b.createdAt - a.createdAt)
    const page = rows.slice((pageNum - 1) * pageSize, pageNum * pageSize)
    return ok({
      list: page.map(r => briefOf(r, profile)),
      total: rows.length
    })
  }
}

function briefOf(r: SimRelease, profile: Profile): Record<string, unknown> {
  const common = {
    id: r.id,
    version_name: r.version,
    status: r.status,
    labels: r.labels,
    description: r.desc,
    created_by: r.createdBy,
    create_time: r.createdAt
  }
  // v3.x: type and a progress object; v4.0+: typed `type` and `source`.
  return profile.deliveryOpenApi === 'by-id'
    ? { ...common, type: 'K8SYaml', progress: null }
    : { ...common, type: 'K8SYaml', source: 'from_env' }
}

// v3.x: the id is a Mongo ObjectID; anything else fails in the repository.
function releaseById(store: DeliveryStore): Handler {
  return (req, params) => {
    const id = params.id ?? ''
    if (!req.query.projectKey) return invalidParam("projectKey can't be empty!")
    const found = store.releases.find(r => r.id === id)
    if (!found) {
      const why = /^[0-9a-f]{24}$/.test(id)
        ? NO_DOCUMENTS
        : 'the provided hex string is not a valid ObjectID'
      return plainError(
        `failed to get delivery version, ID: ${id}, error: ${why}`
      )
    }
    return ok({
      version_info: { id: found.id, version_name: found.version },
      deploy_infos: [],
      distribute_infos: []
    })
  }
}

function releaseByName(store: DeliveryStore): Handler {
  return req => {
    const versionName = req.query.versionName ?? ''
    const projectKey = req.query.projectKey ?? ''
    if (!versionName) return invalidParam("versionName can't be empty!")
    if (!projectKey) return invalidParam("projectKey can't be empty!")
    const found = store.find(projectKey, versionName)
    if (!found)
      return plainError(
        `failed to get delivery version, projectName: ${projectKey}, versionName: ${versionName} error: ${NO_DOCUMENTS}`
      )
    return ok(detailOf(store.read(found)))
  }
}

function detailOf(r: SimRelease): Record<string, unknown> {
  return {
    version: r.version,
    project_name: r.project,
    env_name: r.env,
    production: r.production,
    type: 'K8SYaml',
    source: 'from_env',
    desc: r.desc,
    labels: r.labels,
    image_registry_id: '',
    chart_repo_name: '',
    services: r.services.map(s => ({
      service_name: s.name,
      chart_name: '',
      original_chart_version: '',
      chart_version: '',
      chart_status: '',
      yaml_content: `# rendered ${s.name}`,
      images: s.images.map(c => ({
        container_name: c.name,
        image_name: c.imageName,
        source_image: c.image,
        source_image_tag: c.image.split(':').pop() ?? '',
        target_image: '',
        target_image_tag: '',
        image_path: null,
        push_image: false,
        status: r.status === 'creating' ? '' : 'passed',
        error: ''
      })),
      error: ''
    })),
    status: r.status,
    error: r.error,
    created_by: r.createdBy,
    created_at: r.createdAt,
    deleted_at: 0
  }
}

interface CreateBody {
  project_key: string
  version_name: string
  source: string
  env_name: string
  production: boolean
  desc: string
  labels: string[]
  services: { service_name?: string; images?: { container_name?: string }[] }[]
}

// OpenAPICreateK8SDeliveryVersion: no field is required by binding; from_env reads
// each named container's image from the environment, then the insert refuses a
// duplicate name (6560).
function createFromEnv(store: DeliveryStore): Handler {
  return req => {
    const body = decodeCreate(req)
    if (typeof body === 'string') return invalidParam(body)
    if (body.source !== 'from_env')
      return plainError('the simulator models only source: from_env')
    if (!body.env_name)
      return plainError('env name is required when source is from env')
    const env = store.env(body.project_key, body.env_name)
    if (!env)
      return plainError(
        `failed to find env, projectKey: ${body.project_key}, envName: ${body.env_name}, error: ${NO_DOCUMENTS}`
      )
    const services: SimRelease['services'] = []
    for (const s of body.services ?? []) {
      const name = s.service_name ?? ''
      const images = []
      for (const image of s.images ?? []) {
        const c = env.services[name]?.find(x => x.name === image.container_name)
        if (!c)
          return plainError(
            `container not found, serviceName: ${name}, containerName: ${image.container_name ?? ''}, envName: ${env.env}, projectKey: ${env.project}`
          )
        images.push(c)
      }
      if (!env.services[name])
        return plainError(`not found service ${name} in env ${env.env}`)
      services.push({ name, images })
    }
    if (store.find(body.project_key, body.version_name))
      return zadigError(
        6560,
        `failed to insert delivery version ${body.version_name}, version already exist`
      )
    store.add({
      project: body.project_key,
      version: body.version_name,
      env: env.env,
      production: body.production,
      desc: body.desc,
      labels: body.labels ?? [],
      createdBy: `${req.user?.name ?? ''}(OpenAPI)`,
      services
    })
    return success()
  }
}

function decodeCreate(req: SimRequest): CreateBody | string {
  const decoded = decodeStruct(
    req.rawBody,
    {
      project_key: 'string',
      version_name: 'string',
      source: 'string',
      env_name: 'string',
      production: 'bool',
      desc: 'string',
      labels: 'array',
      services: 'array'
    },
    'service.OpenAPICreateK8SDeliveryVersionV2Request'
  )
  if (!decoded.ok) return decoded.error
  return decoded.value as unknown as CreateBody
}

interface V3Body {
  project_key?: string
  version_name?: string
  env_name?: string
  yaml_datas?: {
    service_name?: string
    image_datas?: { container_name?: string }[]
  }[]
}

// v3.x OpenAPICreateK8SDeliveryVersion reads `yaml_datas`: a body without them
// (the v4.0 shape) makes a release of no services (docs/zadigx-api.md#delivery-releases).
function createV3(store: DeliveryStore): Handler {
  return req => {
    let body: V3Body
    try {
      body = (JSON.parse(req.rawBody) ?? {}) as V3Body
    } catch {
      return invalidParam('invalid JSON')
    }
    const project = body.project_key ?? ''
    const env = store.env(project, body.env_name ?? '')
    if (!env)
      return plainError(
        `failed to find product, product name: ${project}, env name: ${body.env_name ?? ''}, error: ${NO_DOCUMENTS}`
      )
    const services: SimRelease['services'] = []
    for (const y of body.yaml_datas ?? []) {
      const name = y.service_name ?? ''
      if (!env.services[name])
        return plainError(`product service not found, service name: ${name}`)
      const images = (y.image_datas ?? []).map(i =>
        env.services[name]?.find(c => c.name === i.container_name)
      )
      if (images.some(i => !i)) return plainError('container image not found')
      services.push({ name, images: images.filter(i => i !== undefined) })
    }
    store.add({
      project,
      version: body.version_name ?? '',
      env: env.env,
      production: env.production,
      desc: '',
      labels: [],
      createdBy: `${req.user?.name ?? ''}(OpenAPI)`,
      services
    })
    return success()
  }
}
