// What list-releases, get-release and create-release show of a release: the
// fields of docs/zadigx-api.md#delivery-releases, server text kept as data.
import type { ReleaseBrief, ReleaseDetail } from '../zadig/api/delivery.js'
import { isRouteMissing } from '../zadig/errors.js'

/** A release as `data` shows it. */
export interface ShownRelease {
  version: string
  status: string
  env?: string
  production?: boolean
  description?: string
  labels: string[]
  created_by?: string
  created_at?: number
  error?: string
  services?: {
    service: string
    images: { container: string; image: string }[]
  }[]
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

/** A row of the list. */
export function showBrief(r: ReleaseBrief): ShownRelease {
  return {
    version: text(r.version_name) ?? '',
    status: text(r.status) ?? '',
    description: text(r.description),
    labels: list(r.labels),
    created_by: text(r.created_by),
    created_at: typeof r.create_time === 'number' ? r.create_time : undefined
  }
}

/** A release's detail. */
export function showDetail(r: ReleaseDetail): ShownRelease {
  const services = Array.isArray(r.services) ? r.services : []
  return {
    version: text(r.version) ?? '',
    status: text(r.status) ?? '',
    env: text(r.env_name),
    production: r.production === true,
    description: text(r.desc),
    labels: list(r.labels),
    created_by: text(r.created_by),
    created_at: typeof r.created_at === 'number' ? r.created_at : undefined,
    error: text(r.error) || undefined,
    services: services.map(s => ({
      service: text(s?.service_name) ?? '',
      images: (Array.isArray(s?.images) ? s.images : []).map(i => ({
        container: text(i?.container_name) ?? '',
        image: text(i?.source_image) ?? ''
      }))
    }))
  }
}

/** The error of an operation the server is too old for. */
export function tooOld(operation: string, since: string): Error {
  return new Error(
    `${operation} needs Zadig ${since} or later (the delivery-centre OpenAPI of docs/zadigx-api.md#delivery-releases); this server does not have it`
  )
}

/** A missing route becomes `tooOld`; anything else is thrown as it is. */
export function orTooOld(operation: string, since: string) {
  return (err: unknown): never => {
    throw isRouteMissing(err) ? tooOld(operation, since) : err
  }
}
