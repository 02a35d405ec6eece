// What an environment operation reports: the environment, its status, and its
// services before and after (docs/design.md, "Report"). Server text stays raw
// here; outputs serialise it as JSON and the summary escapes it.
import type { EnvDetail } from './zadig/env-types.js'

/** One service as the `services` output and the summary show it. */
export interface ServiceRow {
  name: string
  status: string
  images: string[]
}

/** The environment part of a report. */
export interface EnvReport {
  projectKey: string
  envKey: string
  production: boolean
  /** The environment's status at the last look ('' before the first). */
  status: string
  /** Its services before the write, when one was made. */
  before?: ServiceRow[]
  /** Its services at the last look. */
  after?: ServiceRow[]
  /** The image a container ran before deploy-image changed it. */
  previousImage?: string
  /** The environment's page in the ZadigX UI. */
  url?: string
  /** Where the environment answers (an ingress host), when ZadigX shows one. */
  address?: string
  /** What preview-env did: created, updated or deleted (and how it copied). */
  action?: string
  /** True once a rollout was announced (the GitHub deployment then gets its end). */
  announced?: boolean
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : ''

/** The services of an environment detail, with the images Zadig recorded. */
export function serviceRows(detail: EnvDetail | null): ServiceRow[] {
  const services = Array.isArray(detail?.services) ? detail.services : []
  return services.map(s => ({
    name: text(s?.service_name),
    status: text(s?.status),
    images: (Array.isArray(s?.containers) ? s.containers : []).map(c =>
      text(c?.image)
    )
  }))
}
