// Product (legacy "multi") workflows (docs/zadigx-api.md#product-workflows): a build phase and a deploy
// phase per task, scripted like custom jobs, with no stages on the wire.
import type { JobOutcome, JobScript } from './catalog.js'
import { DEFAULT_PROJECT } from './catalog.js'

/** A service a product workflow builds (from one repo) and deploys. */
export interface SimProductService {
  serviceName: string
  serviceModule: string
  repo: {
    /** Code host id (1 = gitlab-main, 2 = github). */
    codehostId: number
    namespace: string
    name: string
    branch: string
    /** The commit built from `branch`; defaults to simulatedCommit(). */
    commitId?: string
  }
}

/** A finished task seeded before the simulator starts (ids 1..n, oldest first). */
export interface SimProductHistoryTask {
  durationSec: number
  outcome?: JobOutcome
  creator?: string
  /** The commit its build used; defaults to the service repo's commit. */
  commitId?: string
}

/** A product workflow in the catalog. */
export interface SimProductWorkflow {
  key: string
  /** Display name. */
  name: string
  project: string
  /** Environments `input.target_env` may name. */
  envs: string[]
  /** Virtual seconds a new or restarted task stays `waiting`. */
  queueSec: number
  services: SimProductService[]
  /** How the build phase behaves (read when the phase starts). */
  build: JobScript
  /** How the deploy phase behaves (read when the phase starts). */
  deploy: JobScript
  history: SimProductHistoryTask[]
  updateBy?: string
  /** Epoch seconds. */
  updateTime?: number
}

const HISTORY: SimProductHistoryTask[] = [
  { durationSec: 300 },
  { durationSec: 240, outcome: 'failed' },
  { durationSec: 330 }
]

/** `legacy-deploy` in project demo: builds svc-a, deploys to dev or qa. */
export function legacyDeploy(): SimProductWorkflow {
  return {
    key: 'legacy-deploy',
    name: 'Legacy Deploy',
    project: DEFAULT_PROJECT.key,
    envs: ['dev', 'qa'],
    queueSec: 2,
    services: [
      {
        serviceName: 'svc-a',
        serviceModule: 'svc-a',
        repo: {
          codehostId: 1,
          namespace: 'demo-group',
          name: 'svc-a',
          branch: 'main'
        }
      }
    ],
    build: { durationSec: 120, outcome: 'passed' },
    deploy: { durationSec: 60, outcome: 'passed' },
    history: HISTORY.map(h => ({ ...h })),
    updateBy: 'admin',
    updateTime: 1686193453
  }
}

/** The default product-workflow catalog: just legacy-deploy. */
export function defaultProductCatalog(): SimProductWorkflow[] {
  return [legacyDeploy()]
}
