// Which generation of Zadig a server runs. No route tells the version to every token
// before Zadig v5.0, so the answer comes from routes that appear at the versions
// where a behaviour the action depends on changes (docs/zadigx-api.md#server-version).
import { isRouteMissing, isTransient, ZadigApiError } from './errors.js'

/** Server generations, oldest first; each starts at the version in its name. */
export const SERVER_GENERATIONS = ['v1.18', 'v3.1', 'v4.1', 'v5.0'] as const

/** `v1.18` = ZadigX v1.7/v1.8 .. Zadig v3.0; `v3.1` .. v4.0; `v4.1` .. v4.3; `v5.0` and later. */
export type ServerGeneration = (typeof SERVER_GENERATIONS)[number]

/** Says whether a route exists; throws when the server's answer cannot tell. */
export type RouteProbe = (
  path: string,
  query: Record<string, string>
) => Promise<boolean>

/** True when `generation` is `since` or newer. */
export function isAtLeast(
  generation: ServerGeneration,
  since: ServerGeneration
): boolean {
  return (
    SERVER_GENERATIONS.indexOf(generation) >= SERVER_GENERATIONS.indexOf(since)
  )
}

/** The generation, newest probe first: at most three read-only GETs. */
export async function detectGeneration(
  probe: RouteProbe,
  projectKey: string,
  workflowKey: string
): Promise<ServerGeneration> {
  if (await probe('/openapi/system/cli/context', {})) return 'v5.0'
  const page = { projectName: projectKey, pageNum: '1', pageSize: '1' }
  if (await probe('/api/aslan/workflow/v4/global', page)) return 'v4.1'
  // `x` is not a task id: v3.1+ refuses it before reading anything.
  const manualExec = `/api/aslan/workflow/v4/workflowtask/manualexec/workflow/${encodeURIComponent(workflowKey)}/task/x`
  if (await probe(manualExec, { projectName: projectKey })) return 'v3.1'
  return 'v1.18'
}

/**
 * A probe's answer: a missing route is false; any answer of a handler (2xx, a
 * ZadigX error, an empty 403) is true. No answer, or a gateway's page, throws.
 */
export function routeAnswered(err: unknown): boolean {
  if (isRouteMissing(err)) return false
  if (!(err instanceof ZadigApiError)) throw err
  if (err.status >= 200 && err.status < 300) return true
  const fromHandler =
    err.code !== undefined ||
    (!isTransient(err) && err.bodySnippet === undefined)
  if (fromHandler) return true
  throw err
}

/** The first version of each environment feature that needs a route older servers lack. */
export const ENV_FEATURE_SINCE = {
  /** The live view of a service's pods and images, and the image route (#env-service-detail, #env-set-image). */
  liveRoutes: 'v2.2',
  /** The create's `sub_env`: a sub-environment of a share-env base (#env-create). */
  subEnv: 'v4.2'
} as const

/**
 * True on Zadig v4.2 or later (the environment create reads `sub_env`; the
 * OpenAPI scan create crashes): the v5.0 generation, or inside v4.1 … v4.3 the
 * system route new at v4.2.0 (one read-only GET, docs/zadigx-api.md#server-version).
 */
export async function isAtLeastV42(
  generation: ServerGeneration,
  probe: RouteProbe
): Promise<boolean> {
  if (isAtLeast(generation, 'v5.0')) return true
  if (generation !== 'v4.1') return false
  return probe('/api/aslan/system/server/url', {})
}

/** "deploy-image needs Zadig v2.2 or later (…)": said before anything is sent. */
export function needsVersion(what: string, since: string, why: string): string {
  return `${what} needs Zadig ${since} or later: ${why}`
}

/**
 * True when the server has the environment routes of Zadig v2.2 (a service's live
 * pods and images; the image route). One read-only GET of the service view
 * (docs/zadigx-api.md#env-service-detail); a handler's refusal still says it exists.
 */
export function hasEnvLiveRoutes(
  probe: RouteProbe,
  env: { projectKey: string; envKey: string; production: boolean },
  service: string
): Promise<boolean> {
  const root = env.production
    ? '/openapi/environments/production'
    : '/openapi/environments'
  const path = `${root}/${encodeURIComponent(env.envKey)}/services/${encodeURIComponent(service)}`
  const { projectKey } = env
  return probe(path, { projectKey, projectName: projectKey })
}
