// The ZadigX simulator: a real HTTP server on 127.0.0.1 that follows
// shared/zadigx-api/README.md, with tasks that advance on a virtual clock.
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TaskDetail } from '../src/zadig/types.js'
import type { SimWorkflow } from './catalog.js'
import { defaultCatalog } from './catalog.js'
import type { ClockOptions } from './clock.js'
import { createClock } from './clock.js'
import { Engine } from './engine.js'
import { SimHttpError } from './errors.js'
import type { Hook, RecordedRequest } from './http.js'
import { createListener } from './http.js'
import { createRoutes } from './routes.js'
import { defaultCodeHosts, defaultRegistries } from './system.js'
import type { SimUser } from './users.js'
import { defaultUsers } from './users.js'
import { taskDetail } from './view.js'

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
export type { Hook, RecordedRequest, SimRequest } from './http.js'
export type { SimResponse } from './response.js'
export { DEFAULT_PROJECT, defaultCatalog } from './catalog.js'
export { DEFAULT_EPOCH_MS } from './clock.js'

/** How to start the simulator. */
export interface SimulatorOptions {
  /** 0 (default) picks a free port; the server binds 127.0.0.1 only. */
  port?: number
  /** 'v1.7' (default) = open-source v1.18 behaviour; 'current' = Zadig HEAD. */
  version?: 'v1.7' | 'current'
  /** The catalog; defaults to defaultCatalog(). */
  workflows?: SimWorkflow[]
  /** Virtual time; default manual, starting at a fixed epoch. */
  clock?: ClockOptions
  /** Each task-detail GET moves virtual time on by this much before answering. */
  advancePerTaskPollMs?: number
}

/** A running simulator and its controls. */
export interface Simulator {
  url: string
  /** Token of user 'admin'. */
  token: string
  /** Token per user: admin, alice (an approver), bob (not an approver). */
  tokens: Record<string, string>
  requests: RecordedRequest[]
  clock: { now(): number; advance(ms: number): void }
  /** The mutable definition (change scripts before triggering). */
  workflow(key: string): SimWorkflow
  /** The tasks of a workflow as task detail shows them, oldest first. */
  tasks(workflowKey: string): TaskDetail[]
  /** A person deciding in the UI; throws when the server would refuse. */
  decide(
    workflowKey: string,
    taskId: number,
    decision: { user: string; approve: boolean; comment?: string }
  ): void
  /** Adds a hook that runs before routing (fault injection seam). */
  use(hook: Hook): void
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port)
    )
  })
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close(err => (err ? reject(err) : resolve()))
    // Keep-alive sockets would otherwise hold close() open.
    server.closeAllConnections()
  })
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

function definition(engine: Engine, key: string): SimWorkflow {
  const wf = engine.workflow(key)
  if (!wf) throw new Error(`no workflow ${key} in the simulator catalog`)
  return wf
}

/** Starts a simulator on 127.0.0.1. */
export async function startSimulator(
  options: SimulatorOptions = {}
): Promise<Simulator> {
  const version = options.version ?? 'v1.7'
  const clock = createClock(options.clock)
  const users = defaultUsers()
  const system = {
    registries: defaultRegistries(),
    codeHosts: defaultCodeHosts()
  }
  const workflows = options.workflows ?? defaultCatalog()
  const engine = new Engine({ version, clock, workflows, users, ...system })
  const advancePerTaskPollMs = options.advancePerTaskPollMs ?? 0
  const routes = createRoutes({
    engine,
    version,
    clock,
    advancePerTaskPollMs,
    users,
    ...system
  })
  const hooks: Hook[] = []
  const requests: RecordedRequest[] = []
  const listener = createListener({ routes, hooks, users, log: requests })
  const server = createServer((req, res) => void listener(req, res))
  const port = await listen(server, options.port ?? 0)
  const tokens = Object.fromEntries(users.map(u => [u.name, u.token]))
  return {
    url: `http://127.0.0.1:${port}`,
    token: tokens.admin ?? '',
    tokens,
    requests,
    clock,
    workflow: key => definition(engine, key),
    tasks: key => engine.tasks(key).map(t => taskDetail(t, clock.now())),
    decide: decider(engine, users),
    use: hook => void hooks.push(hook),
    close: () => stop(server)
  }
}
