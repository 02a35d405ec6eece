// The ZadigX simulator: a real HTTP server on 127.0.0.1 that follows
// shared/zadigx-api/README.md, with tasks that advance on a virtual clock.
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
import { defaultUsers } from './users.js'
import { taskDetail } from './view.js'

export type { SimWorkflow, SimStage, SimJob, JobScript } from './catalog.js'
export type { Hook, RecordedRequest } from './http.js'
export { defaultCatalog } from './catalog.js'

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

/** Starts a simulator on 127.0.0.1. */
export async function startSimulator(
  options: SimulatorOptions = {}
): Promise<Simulator> {
  const version = options.version ?? 'v1.7'
  const clock = createClock(options.clock)
  const users = defaultUsers()
  const registries = defaultRegistries()
  const codeHosts = defaultCodeHosts()
  const workflows = options.workflows ?? defaultCatalog()
  const engine = new Engine({
    version,
    clock,
    workflows,
    users,
    registries,
    codeHosts
  })
  const routes = createRoutes({
    engine,
    version,
    clock,
    advancePerTaskPollMs: options.advancePerTaskPollMs ?? 0,
    users,
    registries,
    codeHosts
  })
  const hooks: Hook[] = []
  const requests: RecordedRequest[] = []
  const listener = createListener({ routes, hooks, users, log: requests })
  const server = createServer((req, res) => void listener(req, res))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const tokens = Object.fromEntries(users.map(u => [u.name, u.token]))
  return {
    url: `http://127.0.0.1:${port}`,
    token: tokens.admin ?? '',
    tokens,
    requests,
    clock,
    workflow: key => {
      const wf = engine.workflow(key)
      if (!wf) throw new Error(`no workflow ${key} in the simulator catalog`)
      return wf
    },
    tasks: key => engine.tasks(key).map(t => taskDetail(t, clock.now())),
    decide: (workflowKey, taskId, decision) => {
      const user = users.find(u => u.name === decision.user)
      if (!user) throw new Error(`no user ${decision.user} in the simulator`)
      const comment = decision.comment ?? ''
      try {
        engine.decide({
          workflowKey,
          taskId,
          user,
          approve: decision.approve,
          comment
        })
      } catch (err) {
        if (err instanceof SimHttpError)
          throw new Error(err.message, { cause: err })
        throw err
      }
    },
    use: hook => void hooks.push(hook),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(err => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
  }
}
