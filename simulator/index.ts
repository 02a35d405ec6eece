// The ZadigX simulator: a real HTTP server on 127.0.0.1 that follows
// the Zadig server source version by version (docs/zadigx-api.md), with tasks that advance on a virtual clock.
import type { WorkflowTaskPreview } from './wire.js'
import type { SimWorkflow } from './catalog.js'
import { DEFAULT_PROJECT, defaultCatalog } from './catalog.js'
import type { ClockOptions } from './clock.js'
import { createClock } from './clock.js'
import { Engine } from './engine.js'
import type { BrokenImages, SimEnvironment } from './environments.js'
import { defaultEnvironments } from './environments.js'
import { SimHttpError } from './errors.js'
import { Faults } from './faults.js'
import type { Hook, RecordedRequest } from './http.js'
import { linesWritten, type SentLogLine } from './job-logs.js'
import { createListener } from './http.js'
import type { SimProductWorkflow } from './product-catalog.js'
import { defaultProductCatalog } from './product-catalog.js'
import { ProductEngine } from './product-engine.js'
import type { ProductTaskSnapshot } from './product-run.js'
import { productSnapshot } from './product-run.js'
import type { Profile, ServerVersion } from './profiles.js'
import { profileOf } from './profiles.js'
import { DeliveryStore, defaultReleaseEnvs } from './delivery.js'
import { QualityStore, defaultTests } from './quality.js'
import { defaultArtifacts } from './routes-artifacts.js'
import { defaultStats, type StatsStore } from './stats.js'
import { createRoutes } from './routes.js'
import { defaultServiceTemplates } from './routes-service.js'
import { SimServer } from './server.js'
import { defaultCodeHosts, defaultRegistries } from './system.js'
import type { SimUser } from './users.js'
import { defaultUsers } from './users.js'
import { taskDetail } from './task-bodies.js'
import type { OpenAPIRegistry } from './wire.js'
import type { SimView } from './workflow-views.js'
import { defaultViews, ViewStore } from './workflow-views.js'

export type {
  AutoDecide,
  JobOutcome,
  JobScript,
  ModelVersion,
  SimHistoryTask,
  SimJob,
  SimStage,
  SimStageApproval,
  SimWorkflow
} from './catalog.js'
export type { ClockOptions } from './clock.js'
export type {
  SimEnvironment,
  SimEnvService,
  SimEnvVariable,
  SimPod
} from './environments.js'
export { ENV_TIMING, defaultEnvironments } from './environments.js'
export type { FaultKind, FaultMatch, FaultName, FaultRule } from './faults.js'
export type { Hook, HookContext, RecordedRequest, SimRequest } from './http.js'
export type { SentLogLine } from './job-logs.js'
export type {
  SimProductHistoryTask,
  SimProductService,
  SimProductWorkflow
} from './product-catalog.js'
export type { ProductTaskSnapshot } from './product-run.js'
export type { Profile, ProfileName, ServerVersion } from './profiles.js'
export {
  PROFILE_ALIASES,
  PROFILE_NAMES,
  PROFILES,
  profileOf
} from './profiles.js'
export type { SimResponse } from './response.js'
export type { SimView, SimViewEntry, WorkflowKind } from './workflow-views.js'
export type {
  CreateTaskV4Resp,
  JobTaskPreview,
  OpenAPIRegistry,
  OpenAPIWorkflowV4Detail,
  OpenAPIWorkflowV4Task,
  OpenAPIWorkflowViewBrief,
  Param,
  StageTaskPreview,
  WorkflowBrief,
  WorkflowTaskPreview
} from './wire.js'
export { DEFAULT_PROJECT, defaultCatalog } from './catalog.js'
export { DEFAULT_EPOCH_MS } from './clock.js'
export { BAD_GATEWAY_PAGE, Faults, LOGIN_PAGE } from './faults.js'
export { defaultProductCatalog, legacyDeploy } from './product-catalog.js'
export { simulatedCommit } from './system.js'
export { defaultViews } from './workflow-views.js'
export { DEFAULT_YAML_SCRIPT } from './workflow-yaml.js'

/** How to start the simulator. */
export interface SimulatorOptions {
  /** 0 (default) picks a free port; the server binds 127.0.0.1 only. */
  port?: number
  /**
   * The server profile (profiles.ts): 'v1.18' (default) ... 'v5.0', or the aliases
   * 'v1.7' (= v1.18) and 'current' (= v5.0), or a profile of a test's own.
   */
  version?: ServerVersion | Profile
  /** The catalog; defaults to defaultCatalog(). */
  workflows?: SimWorkflow[]
  /** Product (legacy) workflows; defaults to defaultProductCatalog(). */
  productWorkflows?: SimProductWorkflow[]
  /** Image registries; defaults to harbor.example.com/library (system.ts). */
  registries?: OpenAPIRegistry[]
  /** Workflow views; defaults to defaultViews() (view `release` of demo). */
  views?: SimView[]
  /** Virtual time; default manual, starting at a fixed epoch. */
  clock?: ClockOptions
  /** Each task-detail GET moves virtual time on by this much before answering. */
  advancePerTaskPollMs?: number
  /** Environments; defaults to defaultEnvironments() (demo's dev and prod). */
  environments?: SimEnvironment[]
}

/** A running simulator and its controls. */
export interface Simulator {
  url: string
  /** The server profile this simulator follows. */
  profile: Profile
  /** Token of user 'admin'. */
  token: string
  /** Token per user: admin, alice (an approver), bob (not an approver). */
  tokens: Record<string, string>
  requests: RecordedRequest[]
  /** Every line the job-log streams sent, with the virtual time it went out. */
  logLinesSent: SentLogLine[]
  /** The lines a task's jobs have written so far, with the virtual time of each. */
  logLinesWritten(workflowKey: string, taskId: number): SentLogLine[]
  clock: { now(): number; advance(ms: number): void }
  /** The mutable definition (change scripts before triggering). */
  workflow(key: string): SimWorkflow
  /** The tasks of a workflow as task detail shows them, oldest first. */
  tasks(workflowKey: string): WorkflowTaskPreview[]
  /** When a task ended, in virtual ms (stamps are whole seconds); undefined while it runs. */
  endedAtMs(workflowKey: string, taskId: number): number | undefined
  /** A person deciding in the UI; throws when the server would refuse. */
  decide(
    workflowKey: string,
    taskId: number,
    decision: { user: string; approve: boolean; comment?: string }
  ): void
  /** The live product-workflow definition (change its build/deploy scripts). */
  productWorkflow(key: string): SimProductWorkflow
  /** The tasks of a product workflow as task detail shows them, plus commits. */
  productTasks(workflowKey: string): ProductTaskSnapshot[]
  /** The live environment of project demo (or `project`): change it, make it busy. */
  environment(key: string, project?: string): SimEnvironment
  /** Pods on `image` never get Ready: their container shows `reason` (ImagePullBackOff, CrashLoopBackOff). */
  breakImage(image: string, reason: string, message?: string): void
  /** Adds a hook that runs before routing (fault injection seam). */
  use(hook: Hook): void
  /** Fault rules (registered as the first hook) and how often each kind fired. */
  faults: Faults
  /** Delivery-centre releases (`failNext`, `settleAfterReads`) and their environments. */
  delivery: DeliveryStore
  /** Tests of project demo (`unit`, `broken`, `leaky`) and their tasks. */
  quality: QualityStore
  /** Statistics figures per project, and `answers` that replace a route's body. */
  stats: StatsStore
  /**
   * Closes and reopens on the same port keeping all state, like a ZadigX restart;
   * connections in flight are dropped and requests while down are refused.
   */
  restart(options?: { downMs?: number }): Promise<void>
  close(): Promise<void>
}

function decider(engine: Engine, users: SimUser[]): Simulator['decide'] {
  return (workflowKey, taskId, decision) => {
    const user = users.find(u => u.name === decision.user)
    if (!user) throw new Error(`no user ${decision.user} in the simulator`)
    const { approve, comment = '' } = decision
    try {
      engine.decide({ workflowKey, taskId, user, approve, comment })
    } catch (err) {
      if (err instanceof SimHttpError)
        throw new Error(err.message, { cause: err })
      throw err
    }
  }
}

function definition<T>(found: T | undefined, key: string): T {
  if (!found) throw new Error(`no workflow ${key} in the simulator catalog`)
  return found
}

/** Starts a simulator on 127.0.0.1. */
export async function startSimulator(
  options: SimulatorOptions = {}
): Promise<Simulator> {
  const profile = profileOf(options.version ?? 'v1.18')
  const clock = createClock(options.clock)
  const users = defaultUsers()
  const system = {
    registries: options.registries ?? defaultRegistries(),
    codeHosts: defaultCodeHosts()
  }
  const workflows = options.workflows ?? defaultCatalog()
  const engine = new Engine({ profile, clock, workflows, users, ...system })
  const products = new ProductEngine({
    clock,
    workflows: options.productWorkflows ?? defaultProductCatalog(),
    codeHosts: system.codeHosts
  })
  const views = new ViewStore(options.views ?? defaultViews(), clock.now)
  const environments = options.environments ?? defaultEnvironments(clock.now())
  const broken: BrokenImages = new Map()
  const logLinesSent: SentLogLine[] = []
  const delivery = new DeliveryStore(defaultReleaseEnvs(), clock.now)
  const quality = new QualityStore(defaultTests(), clock.now)
  const stats = defaultStats()
  const routes = createRoutes({
    engine,
    profile,
    clock,
    advancePerTaskPollMs: options.advancePerTaskPollMs ?? 0,
    users,
    ...system,
    views,
    products,
    projects: [DEFAULT_PROJECT.key],
    environments,
    broken,
    serviceTemplates: defaultServiceTemplates(),
    delivery,
    logLinesSent,
    quality,
    artifacts: defaultArtifacts(),
    stats
  })
  const faults = new Faults(() => clock.now())
  const hooks: Hook[] = [faults.hook]
  const requests: RecordedRequest[] = []
  const listener = createListener({
    routes,
    hooks,
    users,
    log: requests,
    profile
  })
  const server = new SimServer((req, res) => void listener(req, res))
  const port = await server.listen(options.port ?? 0)
  const tokens = Object.fromEntries(users.map(u => [u.name, u.token]))
  const close = () => {
    faults.dispose()
    return server.close()
  }
  return {
    url: `http://127.0.0.1:${port}`,
    profile,
    token: tokens.admin ?? '',
    tokens,
    requests,
    logLinesSent,
    logLinesWritten: (key, id) =>
      linesWritten({ engine, profile, clock, logLinesSent }, key, id),
    clock,
    workflow: key => definition(engine.workflow(key), key),
    tasks: key => engine.tasks(key).map(t => taskDetail(t, clock.now())),
    endedAtMs: (key, id) => engine.task(key, id)?.endMs,
    decide: decider(engine, users),
    productWorkflow: key => definition(products.workflow(key), key),
    productTasks: key => products.tasks(key).map(productSnapshot),
    environment: (key, project = DEFAULT_PROJECT.key) => {
      const env = environments.find(e => e.key === key && e.project === project)
      if (!env)
        throw new Error(`no environment ${project}/${key} in the simulator`)
      return env
    },
    breakImage: (image, reason, message = '') =>
      void broken.set(image, { reason, message }),
    use: hook => void hooks.push(hook),
    faults,
    delivery,
    quality,
    stats,
    restart: async ({ downMs = 0 } = {}) => {
      faults.dispose()
      await server.restart(downMs)
    },
    close
  }
}
