// The environment views the routes answer with (docs/zadigx-api.md#env-detail,
// #env-service-detail), computed from the model at the virtual now.
import type { VirtualClock } from './clock.js'
import {
  podsAt,
  serviceStatus,
  settle,
  type BrokenImages,
  type SimEnvironment,
  type SimEnvService
} from './environments.js'
import { invalidParam, NO_DOCUMENTS, plainError } from './errors.js'
import type { Route, SimRequest } from './http.js'
import type { EnvSwitches } from './profiles.js'
import type { SimResponse } from './response.js'

/** What the environment routes read. */
export interface EnvRouteContext {
  clock: VirtualClock
  env: EnvSwitches
  environments: SimEnvironment[]
  broken: BrokenImages
  /** Each environment-detail GET moves time on by this much first (README). */
  advancePerPollMs: number
}

type Handler = Route['handler']

/** A status in the case this version answers with. */
export function cased(ctx: EnvRouteContext, status: string): string {
  return ctx.env.lowerCaseStatus ? status.toLowerCase() : status
}

/** The environment, its due work done; undefined when absent or deleted. */
export function find(ctx: EnvRouteContext, project: string, key: string) {
  const env = ctx.environments.find(e => e.project === project && e.key === key)
  if (!env) return undefined
  settle(env, ctx.clock)
  return env.deleted ? undefined : env
}

/** The status shown now. */
export function statusOf(env: SimEnvironment): string {
  return env.busy?.status ?? env.settled
}

/** An environment as the list shows it. */
export function brief(ctx: EnvRouteContext, env: SimEnvironment) {
  return {
    ...(env.production ? { envName: env.key } : {}),
    env_key: env.key,
    cluster_id: 'cluster-1',
    namespace: env.namespace,
    production: env.production,
    registry_id: 'reg-1',
    status: cased(ctx, statusOf(env)),
    update_by: env.updateBy,
    update_time: Math.floor(env.updateMs / 1000)
  }
}

/** #env-detail. */
export function detail(ctx: EnvRouteContext, env: SimEnvironment) {
  const now = ctx.clock.now()
  return {
    project_key: env.project,
    env_key: env.key,
    update_by: env.updateBy,
    update_time: Math.floor(env.updateMs / 1000),
    cluster_id: 'cluster-1',
    namespace: env.namespace,
    registry_id: 'reg-1',
    global_variables: env.variables.map(v => ({
      ...v,
      type: 'string',
      options: null,
      desc: ''
    })),
    services: env.services.map(s => ({
      service_name: s.name,
      containers: [
        { name: s.container, image: s.image, image_name: s.container }
      ],
      variable_kvs: [],
      status: cased(ctx, serviceStatus(s, now)),
      type: 'k8s'
    })),
    status: cased(ctx, statusOf(env))
  }
}

/** One pod as the live view shows it. */
export function podView(
  p: ReturnType<typeof podsAt>[number],
  s: SimEnvService,
  now: number
) {
  const ready = p.readyMs <= now
  const stuck = p.stuck && now >= p.createdMs + 5_000 ? p.stuck : undefined
  return {
    kind: 'Pod',
    name: p.name,
    status: ready ? 'Running' : 'Pending',
    createtime: Math.floor(p.createdMs / 1000),
    pod_ready: ready,
    containers_ready: ready,
    containers_message: stuck ? stuck.message : '',
    containers: [
      {
        name: s.container,
        image: p.image,
        restart_count: stuck?.reason === 'CrashLoopBackOff' ? 4 : 0,
        status: ready ? 'running' : 'waiting',
        ready,
        reason: stuck?.reason ?? (ready ? '' : 'ContainerCreating'),
        message: stuck?.message ?? ''
      }
    ]
  }
}

/** #env-service-detail. */
export function liveView(
  ctx: EnvRouteContext,
  env: SimEnvironment,
  s: SimEnvService
) {
  const now = ctx.clock.now()
  return {
    service_name: s.name,
    scales: [
      {
        name: s.workload,
        type: s.workloadType,
        replicas: s.replicas,
        images: [
          { name: s.container, image: s.image, image_name: s.container }
        ],
        pods: podsAt(s, now).map(p => podView(p, s, now))
      }
    ],
    // resource.Ingress (koderover/zadig@v2.2.0:pkg/shared/kube/resource/ingress.go).
    ingress: s.hosts?.length
      ? [
          {
            name: s.workload,
            labels: {},
            host_info: s.hosts.map(host => ({ host, backend: [] })),
            ips: [],
            age: '1m'
          }
        ]
      : [],
    service_endpoints: [],
    cron_jobs: [],
    namespace: env.namespace,
    env_name: env.key,
    product_name: env.project,
    group_name: ''
  }
}

// Reads serve an environment through either the test or the production route (X6, v1.18.0).
/** A handler for the environment the path and `projectKey` name. */
export function withEnv(
  ctx: EnvRouteContext,
  use: (
    env: SimEnvironment,
    req: SimRequest,
    params: Record<string, string>
  ) => SimResponse,
  missing: () => SimResponse = () => plainError(NO_DOCUMENTS)
): Handler {
  return (req, params) => {
    const project = req.query.projectKey ?? ''
    if (!project) return invalidParam("projectKey can't be empty")
    const env = find(ctx, project, params.name ?? '')
    return env ? use(env, req, params) : missing()
  }
}
