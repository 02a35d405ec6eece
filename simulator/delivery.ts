// The delivery centre's release versions, and the environments a release is
// taken from (what each service's containers run). Statuses and messages follow
// docs/zadigx-api.md#delivery-releases.

/** A container of a service in an environment, and the image it runs. */
export interface SimEnvContainer {
  name: string
  imageName: string
  image: string
}

/** What one environment of a project runs: service → containers. */
export interface SimReleaseEnv {
  project: string
  env: string
  production: boolean
  services: Record<string, SimEnvContainer[]>
}

/** A stored release (models.DeliveryVersionV2). */
export interface SimRelease {
  id: string
  project: string
  version: string
  env: string
  production: boolean
  desc: string
  labels: string[]
  status: 'creating' | 'success' | 'failed'
  error: string
  createdBy: string
  createdAt: number
  services: { name: string; images: SimEnvContainer[] }[]
  /** Detail reads left before the status settles. */
  readsToSettle: number
  /** How it settles: `success`, or `failed` with this error. */
  failWith?: string
}

/** The default environment: `dev` of `demo` runs api (one container) and web (two). */
export function defaultReleaseEnvs(): SimReleaseEnv[] {
  const image = (name: string, tag: string): SimEnvContainer => ({
    name,
    imageName: name,
    image: `harbor.example.com/library/${name}:${tag}`
  })
  return [
    {
      project: 'demo',
      env: 'dev',
      production: false,
      services: {
        api: [image('api', '20260101-1')],
        web: [image('web', '20260101-2'), image('nginx', '1.27')]
      }
    }
  ]
}

/** The releases and their source environments. */
export class DeliveryStore {
  readonly releases: SimRelease[] = []
  /** Set by a test: the next release fails with this error once its images are done. */
  failNext: string | undefined
  /** Detail reads a new release stays `creating` for. */
  settleAfterReads = 1
  #nextId = 1

  constructor(
    readonly envs: SimReleaseEnv[],
    private readonly now: () => number
  ) {}

  env(project: string, env: string): SimReleaseEnv | undefined {
    return this.envs.find(e => e.project === project && e.env === env)
  }

  find(project: string, version: string): SimRelease | undefined {
    return this.releases.find(
      r => r.project === project && r.version === version
    )
  }

  /** Records a release; the caller has checked everything the server checks. */
  add(
    release: Omit<
      SimRelease,
      'id' | 'status' | 'error' | 'createdAt' | 'readsToSettle'
    >
  ): SimRelease {
    const stored: SimRelease = {
      ...release,
      id: `65a0${(this.#nextId++).toString(16).padStart(20, '0')}`,
      status: 'creating',
      error: '',
      createdAt: Math.floor(this.now() / 1000),
      readsToSettle: this.settleAfterReads,
      failWith: this.failNext
    }
    this.failNext = undefined
    this.releases.push(stored)
    return stored
  }

  /** One detail read: a `creating` release settles after its reads. */
  read(release: SimRelease): SimRelease {
    if (release.status !== 'creating') return release
    if (release.readsToSettle-- > 0) return release
    release.status = release.failWith === undefined ? 'success' : 'failed'
    release.error = release.failWith ?? ''
    return release
  }
}
