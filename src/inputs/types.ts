// Types of the validated inputs (see action.yml for what each input means).
import type { IntegrationInputs } from './integration.js'
import type { ServiceInput } from './env-inputs.js'
import type { ProjectSetup } from './project-definition.js'
import type { BuildTarget } from '../zadig/api/builds.js'
import type { ProductInput } from './product-input.js'
import type { PeriodBound } from './period.js'
import type { ScanRepo } from '../zadig/api/quality.js'

/** One job of the trigger's `inputs`, normalised from either accepted form. */
export interface UserJobInput {
  job_name: string
  job_type?: string
  parameters: Record<string, unknown>
}

/** The `release` input: what create-release records from an environment. */
export interface ReleaseInput {
  env: string
  production: boolean
  description: string
  labels: string[]
  services: { service: string; containers: string[] }[]
}

/** The `registry` input: the image registry create-registry adds (no credentials). */
export interface RegistryInput {
  address: string
  provider: string
  /** Trimmed, as the server stores it. */
  namespace: string
  region: string
  isDefault: boolean
  enableTls: boolean
  tlsCert: string
}

/** An entry of `view-workflows`. */
export interface ViewWorkflow {
  workflow_key: string
  workflow_type: 'custom' | 'product'
  enabled: boolean
}

/** Everything the action was asked to do, checked and typed. */
export interface ActionInputs extends IntegrationInputs {
  /** Normalised, no trailing slash. */
  url: string
  token: string
  /** The name of a declared operation (src/operations/index.ts), aliases resolved. */
  operation: string
  workflowType: 'custom' | 'product'
  /** '' when the operation does not need it and none was given. */
  project: string
  /** '' when the operation does not need it and none was given. */
  workflow: string
  /** From `inputs` for custom workflows, normalised from either form. */
  jobInputs?: UserJobInput[]
  /** From `inputs` for product workflows: the trigger body's `input` object. */
  productInput?: ProductInput
  parameters?: Record<string, string>
  unlistedJobs: 'run' | 'skip'
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  summary: boolean
  onApproval: 'wait' | 'exit'
  taskId?: number
  approval?: string
  comment?: string
  view?: string
  viewWorkflows?: ViewWorkflow[]
  /** A delivery-centre version name (list-releases, get-release, create-release). */
  releaseVersion?: string
  release?: ReleaseInput
  /** create-registry: the registry, and its credentials (registered secrets). */
  registry?: RegistryInput
  registryAccessKey?: string
  registrySecretKey?: string
  /** A test's name in its project (run-test). */
  test?: string
  /** A code scan's name in its project (run-scan). */
  scan?: string
  /** run-scan: the repository to check out, from `inputs` (one at most). */
  scanRepos?: ScanRepo[]
  /** get-stats: the period's ends (src/inputs/period.ts). */
  since?: PeriodBound
  until?: PeriodBound
  commit?: string
  /** YAML text, read from the file when the input named one. */
  definition?: string
  pageNum: number
  pageSize: number
  /** The ZadigX environment key (`environment` is the GitHub deployment environment). */
  env?: string
  /** The production routes of the environment operations. */
  production: boolean
  service?: string
  services?: ServiceInput[]
  container?: string
  image?: string
  /** Images to put in the containers that run an image of the same name. */
  images?: string[]
  /** Global variables to set, in the order given. */
  variables?: { key: string; value: string }[]
  replicas?: number
  /** create-project: the project's display name (the key when not given). */
  projectName?: string
  /** create-project: the kind of project (yaml when not given). */
  projectType?: 'yaml' | 'helm' | 'loaded' | 'vm'
  /** create-project: `definition` read as the project's services and environments. */
  projectSetup?: ProjectSetup
  /** create-build: the build's name. */
  build?: string
  /** create-build: the build template it is made from. */
  buildTemplate?: string
  /** create-build: `definition` read as the target services. */
  buildTargets?: BuildTarget[]
  /** The environment create-env copies. */
  baseEnv?: string
  /** preview-env on close: delete the namespace with the environment. */
  deleteNamespace?: boolean
}
