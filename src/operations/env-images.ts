// Images given by name: `registry/team/app:sha` replaces the image of every
// container that runs an image named `app`, whatever its registry or tag
// (docs/zadigx-api.md#env-set-image, #env-create).
import { untrusted } from '../log.js'
import type {
  CreateEnvRequest,
  LiveService,
  LiveWorkload
} from '../zadig/env-types.js'

/** One container to give a new image. */
export interface ImageTarget {
  service: string
  container: string
  image: string
}

/** A service's containers as the environment detail lists them. */
export interface ServiceContainers {
  service_name: string
  containers?: { name: string; image: string }[] | null
}

/** The image's name: its last path segment, without tag or digest. */
export function imageName(ref: string): string {
  const path = ref.split('@')[0] ?? ''
  const last = path.slice(path.lastIndexOf('/') + 1)
  const colon = last.indexOf(':')
  return colon < 0 ? last : last.slice(0, colon)
}

/**
 * The containers each image replaces, matched by image name. Throws before any
 * write when an image matches no container, or two images share one name.
 */
export function matchImages(
  images: readonly string[],
  services: readonly ServiceContainers[],
  where: string
): ImageTarget[] {
  const byName = new Map<string, string>()
  for (const image of images) {
    const name = imageName(image)
    if (byName.has(name) && byName.get(name) !== image)
      throw new Error(
        `images: ${byName.get(name)} and ${image} are both named ${name}; give one image per name`
      )
    byName.set(name, image)
  }
  const targets: ImageTarget[] = []
  const used = new Set<string>()
  for (const s of services)
    for (const c of s.containers ?? []) {
      const name = imageName(String(c.image))
      const image = byName.get(name)
      if (image === undefined) continue
      used.add(name)
      targets.push({ service: s.service_name, container: c.name, image })
    }
  const unmatched = [...byName.entries()].filter(([name]) => !used.has(name))
  if (unmatched.length) {
    const running = services.flatMap(s =>
      (s.containers ?? []).map(c => imageName(String(c.image)))
    )
    throw new Error(
      `images: ${unmatched.map(([, image]) => image).join(', ')} match no container of ${where} (its images are named ${[...new Set(running)].map(n => untrusted(n)).join(', ') || 'nothing'})`
    )
  }
  return targets
}

/** The route a workload's image is set through. */
export function kindOf(w: LiveWorkload): 'deployment' | 'statefulset' {
  return w.type.toLowerCase() === 'statefulset' ? 'statefulset' : 'deployment'
}

/** A workload's containers with their images (none when the server sent none). */
export function containersOf(
  w: LiveWorkload
): { name: string; image: string }[] {
  return Array.isArray(w.images) ? w.images : []
}

/** The Deployments and StatefulSets of a service that hold `container`. */
export function workloadsHolding(
  live: LiveService,
  container: string
): LiveWorkload[] {
  return (Array.isArray(live.scales) ? live.scales : []).filter(
    w =>
      ['deployment', 'statefulset'].includes(String(w?.type).toLowerCase()) &&
      containersOf(w).some(c => c.name === container)
  )
}

/** A container's new image and one workload that holds the container. */
export interface ImageWrite {
  target: ImageTarget
  workload: LiveWorkload
}

/**
 * The workloads each image goes into, read (with `readLive`) before any write;
 * throws when a target's container is in no Deployment or StatefulSet.
 */
export async function imageWorkloads(
  readLive: (service: string) => Promise<LiveService>,
  targets: readonly ImageTarget[],
  envKey: string
): Promise<ImageWrite[]> {
  const out: ImageWrite[] = []
  for (const target of targets) {
    const holding = workloadsHolding(
      await readLive(target.service),
      target.container
    )
    if (holding.length === 0)
      throw new Error(
        `images: service "${target.service}" has no Deployment or StatefulSet with container ${untrusted(target.container)} in ${envKey}; nothing was sent`
      )
    for (const workload of holding) out.push({ target, workload })
  }
  return out
}

/** Puts each image into the containers of a create body that run its name. */
export function withImages(
  body: CreateEnvRequest,
  images: string[],
  baseEnv: string
): void {
  const services = body.services.map(s => ({
    service_name: s.service_name,
    containers: s.containers
  }))
  for (const t of matchImages(images, services, baseEnv)) {
    const service = body.services.find(s => s.service_name === t.service)
    const container = service?.containers.find(c => c.name === t.container)
    if (container) container.image = t.image
  }
}
