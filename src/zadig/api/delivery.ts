// The delivery centre's release versions (docs/zadigx-api.md#delivery-releases):
// OpenAPI from Zadig v3.0.0; read by name and created from an environment in the
// shape of v4.0.0 and later.
import type { ZadigHttp } from '../http.js'
import { isAtLeast } from '../server-version.js'
import type { SystemApi } from './system.js'

/** One row of the release list (v3.x adds `progress`, v4.0+ `source`). */
export interface ReleaseBrief {
  id: string
  version_name: string
  type?: string
  source?: string
  status?: string
  labels?: string[] | null
  description?: string
  created_by?: string
  create_time?: number
}

/** An image of a release's service. */
export interface ReleaseImage {
  container_name: string
  image_name?: string
  source_image?: string
  source_image_tag?: string
  target_image?: string
  target_image_tag?: string
  push_image?: boolean
  status?: string
  error?: string
}

/** A service of a release. */
export interface ReleaseService {
  service_name: string
  images?: ReleaseImage[] | null
  error?: string
}

/** GET /openapi/delivery/releases/detail (v4.0.0+). */
export interface ReleaseDetail {
  version: string
  project_name?: string
  env_name?: string
  production?: boolean
  type?: string
  source?: string
  desc?: string
  labels?: string[] | null
  image_registry_id?: string
  services?: ReleaseService[] | null
  status?: string
  error?: string
  created_by?: string
  created_at?: number
}

/** The body of POST /openapi/delivery/releases/k8s (v4.0.0+), `source: from_env`. */
export interface CreateReleaseBody {
  project_key: string
  version_name: string
  source: 'from_env'
  env_name: string
  production: boolean
  desc: string
  labels: string[]
  image_registry_id: string
  services: {
    service_name: string
    images: {
      container_name: string
      target_image: string
      target_image_tag: string
      push_image: boolean
    }[]
  }[]
}

const RELEASES = '/openapi/delivery/releases'

/** Release versions of a project. */
export class DeliveryApi {
  #byName: Promise<boolean> | undefined

  constructor(
    private readonly http: ZadigHttp,
    private readonly system: SystemApi
  ) {}

  /** #delivery-releases: one page of a project's releases, newest first. */
  async list(
    projectKey: string,
    pageNum: number,
    pageSize: number
  ): Promise<{ list: ReleaseBrief[]; total: number }> {
    const res = await this.http.request<{
      list?: ReleaseBrief[] | null
      total?: number
    } | null>('GET', RELEASES, {
      query: { projectKey, pageNum, pageSize },
      idempotent: true
    })
    return { list: res?.list ?? [], total: res?.total ?? 0 }
  }

  /** #delivery-releases: one release by its version name (v4.0.0+). */
  detail(
    projectKey: string,
    versionName: string,
    signal?: AbortSignal
  ): Promise<ReleaseDetail> {
    return this.http.request<ReleaseDetail>('GET', `${RELEASES}/detail`, {
      query: { projectKey, versionName },
      idempotent: true,
      once: signal !== undefined,
      signal
    })
  }

  /** #delivery-releases: starts a K8s YAML release; never resent (a second try is a duplicate). */
  async create(body: CreateReleaseBody): Promise<void> {
    await this.http.request('POST', `${RELEASES}/k8s`, {
      body,
      idempotent: false
    })
  }

  /**
   * True when the server reads releases by name (Zadig v4.0.0+). v4.1+ is told by
   * the generation; inside `v3.1` (v3.1 … v4.0) v4.0 is the one whose GET
   * `releases/:id` route is gone (#delivery-releases).
   */
  hasReleasesByName(projectKey: string): Promise<boolean> {
    this.#byName ??= this.#probeByName(projectKey)
    return this.#byName
  }

  async #probeByName(projectKey: string): Promise<boolean> {
    // Any workflow key does for the generation's probes (#server-version).
    const generation = await this.system.generation(projectKey, 'x')
    if (isAtLeast(generation, 'v4.1')) return true
    if (generation !== 'v3.1') return false
    // `x` is no release id: v3.x refuses it in the handler, v4.0 has no such route.
    const query = { projectKey }
    return !(await this.system.routeExists(`${RELEASES}/x`, query))
  }
}

/** Statuses of a release (#delivery-releases): `creating` and `retrying` go on. */
export const RELEASE_ENDED = ['success', 'failed'] as const

/** True when a release's status no longer changes by itself. */
export function releaseEnded(status: string | undefined): boolean {
  return (RELEASE_ENDED as readonly string[]).includes(
    (status ?? '').toLowerCase()
  )
}
