// The simulated workflows: their stored definition (what workflow detail shows) plus
// a script that decides how each job behaves when it runs.
import type { ServerVersion } from './profiles.js'
import type { Param } from './wire.js'
import {
  approvalJob,
  buildJob,
  deployJob,
  releaseParams,
  smokeTestJob
} from './catalog-jobs.js'

/**
 * The profile whose task shapes a workflow follows (approval style, job-task names):
 * the version the workflow was written for.
 */
export type ModelVersion = ServerVersion

/**
 * How a job ends. `skipped`: its execute policy skips it at run time (v4.1+; on
 * older profiles the job runs and passes).
 */
export type JobOutcome = 'passed' | 'failed' | 'timeout' | 'skipped'

/** A scripted person deciding an approval some virtual time after it opens. */
export interface AutoDecide {
  afterSec: number
  approve: boolean
  user: string
  comment?: string
}

/** How a job behaves; read from the live definition each time the job starts. */
export interface JobScript {
  durationSec: number
  /** One outcome, or one per attempt (0 = first run, 1 = after the first retry ...). */
  outcome: JobOutcome | JobOutcome[]
  /** Job error text on failure or timeout. */
  error?: string
  /** Approval jobs ('current' model) only. */
  autoDecide?: AutoDecide
  /** The job's log lines, written evenly over its run (job-logs.ts); a default when absent. */
  log?: string[]
}

/** A configured job: `spec` is stored as workflow detail shows it. */
export interface SimJob {
  name: string
  type: string
  spec: Record<string, unknown>
  /** `force_run` cannot be skipped on a 'current' server. */
  runPolicy?: string
  script: JobScript
}

/** A native stage approval (v1.7 model). */
export interface SimStageApproval {
  /** Approver user names. */
  users: string[]
  description: string
  /** Minutes; 0 or absent means 60 at run time (docs/zadigx-api.md#approvals). */
  timeoutMin?: number
  /** Defaults to 1. */
  neededApprovers?: number
  autoDecide?: AutoDecide
}

/** A stage; its jobs run one after another unless `parallel`. */
export interface SimStage {
  name: string
  parallel?: boolean
  approval?: SimStageApproval
  /**
   * Stored with no `approval` at all (YAML without the key), not a disabled one:
   * the v1.18-v3.0 OpenAPI detail panics on it.
   */
  approvalMissing?: boolean
  jobs: SimJob[]
}

/** A finished task seeded before the simulator starts (ids 1..n, oldest first). */
export interface SimHistoryTask {
  durationSec: number
  outcome?: JobOutcome
  creator?: string
}

/** A custom workflow in the catalog. */
export interface SimWorkflow {
  key: string
  /** Display name. */
  name: string
  project: string
  /** Defaults to the server version. */
  model?: ModelVersion
  description?: string
  params: Param[]
  /** Virtual seconds a new or retried task stays `waiting`. */
  queueSec: number
  stages: SimStage[]
  history: SimHistoryTask[]
  /** Who created / last changed it and when (epoch seconds); fixed defaults when absent. */
  createdBy?: string
  createTime?: number
  updatedBy?: string
  updateTime?: number
}

/** Project of the default catalog. */
export const DEFAULT_PROJECT = { key: 'demo', name: 'Demo' }

// Ten past runs of 8-12 minutes, for adaptive polling estimates.
const HISTORY_SECONDS = [540, 600, 660, 720, 480, 570, 630, 690, 510, 600]

function history(): SimHistoryTask[] {
  return HISTORY_SECONDS.map(durationSec => ({ durationSec }))
}

function buildAndDeployStages(): SimStage[] {
  return [
    { name: 'build', jobs: [buildJob()] },
    { name: 'deploy', jobs: [deployJob()] }
  ]
}

const RELEASE_DECISION: AutoDecide = {
  afterSec: 120,
  approve: true,
  user: 'alice',
  comment: 'LGTM'
}

const COMMON = { project: DEFAULT_PROJECT.key, queueSec: 2 }

function buildDeploy(): SimWorkflow {
  // No explicit model: it follows the server version (v1.7 by default).
  return {
    ...COMMON,
    key: 'build-deploy',
    name: 'Build & Deploy',
    description: 'build svc-a, deploy to dev',
    params: releaseParams(),
    stages: buildAndDeployStages(),
    history: history()
  }
}

function releaseGate(): SimWorkflow {
  const release: SimStage = {
    name: 'release',
    approval: {
      users: ['alice'],
      description: 'release gate',
      timeoutMin: 60,
      autoDecide: { ...RELEASE_DECISION }
    },
    jobs: [smokeTestJob()]
  }
  return {
    ...COMMON,
    key: 'release-gate',
    name: 'Release Gate',
    model: 'v1.7',
    description: 'build, deploy, gated smoke test (stage approval)',
    params: releaseParams(),
    stages: [...buildAndDeployStages(), release],
    history: history()
  }
}

function releaseGateV3(): SimWorkflow {
  return {
    ...COMMON,
    key: 'release-gate-v3',
    name: 'Release Gate (approval job)',
    model: 'current',
    description: 'build, deploy, approval job, smoke test',
    params: releaseParams(),
    stages: [
      ...buildAndDeployStages(),
      { name: 'approval', jobs: [approvalJob({ ...RELEASE_DECISION })] },
      { name: 'release', jobs: [smokeTestJob()] }
    ],
    history: history()
  }
}

/** build-deploy, release-gate (stage approval) and release-gate-v3 (approval job). */
export function defaultCatalog(): SimWorkflow[] {
  return [buildDeploy(), releaseGate(), releaseGateV3()]
}
