// Environments of a project, test or production (docs/zadigx-api.md#env-routes):
// reads, and the writes that change what runs. Most writes return before the work
// is done; src/follow/rollout.ts follows them.
import type { ZadigHttp } from '../http.js'
import type {
  EnvBrief,
  EnvDetail,
  EnvVariable,
  LiveService,
  CreateEnvRequest,
  ScaleRequest,
  ServiceUpdate,
  SetImageRequest,
  ShareEnvReady
} from '../env-types.js'

const seg = encodeURIComponent
const BASE = '/openapi/environments'

/** Which environment: its project, its key, and test or production routes. */
export interface EnvAddress {
  projectKey: string
  envKey: string
  production: boolean
}

/** The test or production root of the environment routes. */
function root(production: boolean): string {
  return production ? `${BASE}/production` : BASE
}

function envPath(env: EnvAddress, rest = ''): string {
  return `${root(env.production)}/${seg(env.envKey)}${rest}`
}

/** A project's environments and what runs in them. */
export class EnvironmentsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #env-list: the project's test (or production) environments, a bare array. */
  async list(projectKey: string, production: boolean): Promise<EnvBrief[]> {
    const res = await this.http.request<EnvBrief[]>('GET', root(production), {
      query: { projectKey },
      idempotent: true
    })
    return Array.isArray(res) ? res : []
  }

  /** #env-detail: status, global variables and services (health read live from pods). */
  detail(env: EnvAddress, signal?: AbortSignal): Promise<EnvDetail> {
    return this.http.request<EnvDetail>('GET', envPath(env), {
      query: { projectKey: env.projectKey },
      idempotent: true,
      once: signal !== undefined,
      signal
    })
  }

  /**
   * #env-service-detail (Zadig v2.2+): the live workloads, pods and images of one
   * service. v2.2.0 … v3.1.0 read `projectName`, later versions `projectKey`: both go.
   */
  service(
    env: EnvAddress,
    serviceName: string,
    signal?: AbortSignal
  ): Promise<LiveService> {
    const path = envPath(env, `/services/${seg(serviceName)}`)
    const { projectKey } = env
    return this.http.request<LiveService>('GET', path, {
      query: { projectKey, projectName: projectKey },
      idempotent: true,
      once: signal !== undefined,
      signal
    })
  }

  /** #env-set-image (Zadig v2.2+, test environments): one container's image, patched. */
  async setImage(kind: 'deployment' | 'statefulset', body: SetImageRequest) {
    const path = `${BASE}/image/${kind}/${seg(body.env_name)}`
    await this.http.request('POST', path, { body, idempotent: false })
  }

  /** #env-create: creates a test environment; it is `creating` until its services are applied. */
  async create(projectKey: string, body: CreateEnvRequest): Promise<void> {
    await this.http.request('POST', BASE, {
      query: { projectKey },
      body,
      idempotent: false
    })
  }

  /**
   * #env-share-ready (Zadig v2.2+): whether a test environment is ready for the
   * share-env `op`; `enable` on a base that runs in share-env mode says ready.
   */
  shareReady(
    env: EnvAddress,
    op: 'enable' | 'disable'
  ): Promise<ShareEnvReady> {
    const path = `${BASE}/${seg(env.envKey)}/check/sharenv/${op}/ready`
    return this.http.request<ShareEnvReady>('GET', path, {
      query: { projectKey: env.projectKey },
      idempotent: true
    })
  }

  /** #env-restart: restarts a service's workloads (a service not in the env is a no-op). */
  async restart(env: EnvAddress, serviceName: string): Promise<void> {
    const path = envPath(env, `/service/${seg(serviceName)}/restart`)
    await this.http.request('POST', path, {
      query: { projectKey: env.projectKey },
      idempotent: false
    })
  }

  /** #env-scale: sets a workload's replicas (no production twin). */
  async scale(body: ScaleRequest): Promise<void> {
    await this.http.request('POST', `${BASE}/scale`, {
      body,
      idempotent: false
    })
  }

  /** #env-update-services: redeploys services with new variable values (asynchronous). */
  async updateServices(env: EnvAddress, services: ServiceUpdate[]) {
    await this.http.request('PUT', envPath(env, '/services'), {
      query: { projectKey: env.projectKey },
      body: { service_list: services },
      idempotent: false
    })
  }

  /** #env-delete: removes the environment (asynchronous); the namespace is kept. */
  async delete(env: EnvAddress, withNamespace = false): Promise<void> {
    // `isDelete=true` also deletes the namespace (#env-delete).
    const query = env.production
      ? { projectKey: env.projectKey }
      : { projectKey: env.projectKey, isDelete: String(withNamespace) }
    await this.http.request('DELETE', envPath(env), {
      query,
      idempotent: false
    })
  }

  /** #env-variables: the environment's global variables. */
  async variables(env: EnvAddress): Promise<EnvVariable[]> {
    const res = await this.http.request<EnvVariable[]>(
      'GET',
      envPath(env, '/variable'),
      { query: { projectKey: env.projectKey }, idempotent: true }
    )
    return Array.isArray(res) ? res : []
  }

  /** #env-variables: writes the whole list (v3.1+ replaces, v1.18 merges). */
  async setVariables(
    env: EnvAddress,
    variables: { key: string; value: string }[]
  ): Promise<void> {
    await this.http.request('PUT', envPath(env, '/variable'), {
      query: { projectKey: env.projectKey },
      body: { global_variables: variables },
      idempotent: false
    })
  }
}
