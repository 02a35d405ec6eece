// Environments and what runs in them, on the virtual clock. A write marks the
// environment busy (creating/updating/deleting) and returns; the work "happens"
// later, and pods follow: new pods appear a little after the environment is idle
// and turn Ready later still, while the old ones keep serving (so a service reads
// Running before its new pods exist). docs/zadigx-api.md#env-status.
import type { VirtualClock } from './clock.js'

/** How long things take (virtual ms). */
export const ENV_TIMING = {
  /** A write is applied this long after it is accepted. */
  applyMs: 10_000,
  /** New pods are created this long after the apply. */
  podStartMs: 3_000,
  /** And are Ready this long after they are created. */
  podReadyMs: 20_000,
  /** A delete removes the record this long after it is accepted. */
  deleteMs: 15_000
}

/** One pod of a service. */
export interface SimPod {
  name: string
  image: string
  createdMs: number
  readyMs: number
  /** Gone from this time on. */
  goneMs?: number
  /** Never Ready: the container is stuck with this reason from `createdMs + 5s`. */
  stuck?: { reason: string; message: string }
}

/** One service of an environment (one Deployment with one container, or as set). */
export interface SimEnvService {
  name: string
  workload: string
  workloadType: 'Deployment' | 'StatefulSet'
  container: string
  /** The image Zadig recorded for the container. */
  image: string
  replicas: number
  pods: SimPod[]
  /** Hosts of the service's ingress (a test sets them; a copy gets its own key in them). */
  hosts?: string[]
}

/** A global variable of an environment. */
export interface SimEnvVariable {
  key: string
  value: string
  related_services: string[]
}

/** A ConfigMap, Secret, Ingress or PVC ZadigX manages in an environment (routes-envcfg.ts). */
export interface SimEnvConfig {
  type: 'ConfigMap' | 'Secret' | 'Ingress' | 'PVC'
  name: string
  yaml: string
  /** The services that use it (the server's record of what mounts or reads it). */
  services: string[]
  updateBy: string
  updateMs: number
}

/** An environment. */
export interface SimEnvironment {
  project: string
  key: string
  production: boolean
  namespace: string
  /** The status once no work is pending: success or failed. */
  settled: 'success' | 'failed'
  /** Work in progress: the status shown until `untilMs`, then `finish` runs. */
  busy?: { status: 'creating' | 'updating' | 'deleting'; untilMs: number }
  deleted?: boolean
  services: SimEnvService[]
  variables: SimEnvVariable[]
  /** Keys the project defines (v3.1+ accepts new keys only from these). */
  projectVariables: string[]
  /** Its environment configs (none when unset). */
  configs?: SimEnvConfig[]
  /**
   * Share-env (self-test) mode: a base (a test sets it; its namespace then has the
   * Istio label, VirtualServices and sidecars), or a sub-environment of `baseEnv`.
   */
  shareEnv?: { isBase: true } | { isBase: false; baseEnv: string }
  updateBy: string
  updateMs: number
}

/** Images that do not start, and how (ImagePullBackOff, CrashLoopBackOff). */
export type BrokenImages = Map<string, { reason: string; message: string }>

let podCounter = 0
function pod(
  service: SimEnvService,
  image: string,
  at: number,
  broken: BrokenImages
): SimPod {
  podCounter += 1
  const created = at + ENV_TIMING.podStartMs
  const stuck = broken.get(image)
  return {
    name: `${service.workload}-${(podCounter * 7919).toString(36).padStart(5, 'x')}`,
    image,
    createdMs: created,
    readyMs: stuck ? Number.POSITIVE_INFINITY : created + ENV_TIMING.podReadyMs,
    stuck
  }
}

/** The pods that exist at `now`. */
export function podsAt(service: SimEnvService, now: number): SimPod[] {
  return service.pods.filter(
    p => p.createdMs <= now && (p.goneMs === undefined || p.goneMs > now)
  )
}

/**
 * Replaces every pod with `replicas` new ones on `image` from `at`: the old pods
 * go when the new ones are Ready (never, when the new image is broken).
 */
export function rollPods(
  service: SimEnvService,
  image: string,
  at: number,
  broken: BrokenImages
): void {
  const fresh = Array.from({ length: service.replicas }, () =>
    pod(service, image, at, broken)
  )
  const readyAt = Math.max(at, ...fresh.map(p => p.readyMs))
  for (const old of service.pods)
    if (old.goneMs === undefined || old.goneMs > readyAt) old.goneMs = readyAt
  service.pods.push(...fresh)
}

/** Sets the replicas from `at`: new pods on the recorded image, or the newest ones removed. */
export function scalePods(
  service: SimEnvService,
  replicas: number,
  at: number,
  broken: BrokenImages
): void {
  const live = service.pods.filter(p => p.goneMs === undefined)
  service.replicas = replicas
  if (live.length < replicas) {
    for (let i = live.length; i < replicas; i++)
      service.pods.push(pod(service, service.image, at, broken))
    return
  }
  for (const extra of live.slice(replicas))
    extra.goneMs = at + ENV_TIMING.podStartMs
}

/** The service status aslan computes from the pods (docs/zadigx-api.md#env-status). */
export function serviceStatus(service: SimEnvService, now: number): string {
  const pods = podsAt(service, now)
  if (pods.length === 0) return 'Unstart'
  return pods.every(p => p.readyMs <= now) ? 'Running' : 'Unstable'
}

/** Runs the work that is due: a busy environment settles, a delete removes it. */
export function settle(env: SimEnvironment, clock: VirtualClock): void {
  if (!env.busy || env.busy.untilMs > clock.now()) return
  if (env.busy.status === 'deleting') env.deleted = true
  env.busy = undefined
}

/** Marks the environment busy for a write accepted now; returns when the work is applied. */
export function markBusy(
  env: SimEnvironment,
  status: 'updating' | 'deleting',
  clock: VirtualClock,
  user: string
): number {
  const untilMs =
    clock.now() +
    (status === 'deleting' ? ENV_TIMING.deleteMs : ENV_TIMING.applyMs)
  env.busy = { status, untilMs }
  env.updateBy = user
  env.updateMs = clock.now()
  return untilMs
}

function service(
  name: string,
  image: string,
  replicas: number,
  at: number
): SimEnvService {
  const s: SimEnvService = {
    name,
    workload: name,
    workloadType: 'Deployment',
    container: name,
    image,
    replicas,
    pods: []
  }
  for (let i = 0; i < replicas; i++)
    s.pods.push({
      name: `${name}-seed${i}`,
      image,
      createdMs: at - 86_400_000,
      readyMs: at - 86_000_000
    })
  return s
}

function config(
  type: SimEnvConfig['type'],
  name: string,
  services: string[],
  now: number
): SimEnvConfig {
  const kind = type === 'PVC' ? 'PersistentVolumeClaim' : type
  return {
    type,
    name,
    yaml: `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`,
    services,
    updateBy: 'admin',
    updateMs: now - 3_600_000
  }
}

/**
 * Project demo's environments: test `dev` (svc-a, svc-b; ConfigMap app-config used by
 * svc-a, Secret app-secret used by svc-b, Ingress web) and production `prod` (svc-a; app-config).
 */
export function defaultEnvironments(now: number): SimEnvironment[] {
  const base = {
    project: 'demo',
    settled: 'success' as const,
    updateBy: 'admin',
    updateMs: now - 3_600_000
  }
  return [
    {
      ...base,
      key: 'dev',
      production: false,
      namespace: 'demo-env-dev',
      services: [
        service('svc-a', 'harbor.example.com/library/svc-a:1.0.0', 2, now),
        service('svc-b', 'harbor.example.com/library/svc-b:1.0.0', 1, now)
      ],
      variables: [
        { key: 'LOG_LEVEL', value: 'info', related_services: ['svc-a'] },
        { key: 'REGION', value: 'eu', related_services: [] }
      ],
      projectVariables: ['LOG_LEVEL', 'REGION', 'FEATURE_X'],
      configs: [
        config('ConfigMap', 'app-config', ['svc-a'], now),
        config('Secret', 'app-secret', ['svc-b'], now),
        config('Ingress', 'web', [], now)
      ]
    },
    {
      ...base,
      key: 'prod',
      production: true,
      namespace: 'demo-env-prod',
      services: [
        service('svc-a', 'harbor.example.com/library/svc-a:0.9.0', 3, now)
      ],
      variables: [],
      projectVariables: [],
      configs: [config('ConfigMap', 'app-config', ['svc-a'], now)]
    }
  ]
}
