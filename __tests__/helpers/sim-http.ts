// The simulator as a plain fetch client sees it: one request helper, the job
// inputs of the seeded custom workflows, and trigger / read / approve shortcuts.
import type { Simulator, WorkflowTaskPreview } from '../../simulator/index.js'

/** What a request answered; `json` only when the Content-Type says JSON. */
export interface Reply {
  status: number
  type: string | null
  text: string
  json: unknown
}

/** How to send a request; by default as the admin, a string body as JSON. */
export interface CallOptions {
  /** The bearer token (the admin's, `sim.token`, by default). */
  token?: string
  /** Headers to send instead of the Authorization header ({} for none). */
  headers?: Record<string, string>
  /** The Content-Type of a string body (an object body is always JSON). */
  textType?: string
}

/** Sends `body` (an object as JSON, a string as it is) and reads the answer. */
export async function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {}
): Promise<Reply> {
  const auth = { Authorization: `Bearer ${options.token ?? sim.token}` }
  const textType = options.textType ?? 'application/json'
  const res = await fetch(sim.url + path, {
    method,
    headers: {
      'Content-Type': typeof body === 'string' ? textType : 'application/json',
      ...(options.headers ?? auth)
    },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await res.text()
  const type = res.headers.get('content-type')
  const json: unknown = type?.includes('json') ? JSON.parse(text) : undefined
  return { status: res.status, type, text, json }
}

/** The custom-workflow task route: POST triggers, GET reads, DELETE cancels. */
export const TASK = '/openapi/workflows/custom/task'

/** POSTs `body` to the trigger route as the admin. */
export function post(sim: Simulator, body: unknown): Promise<Reply> {
  return call(sim, 'POST', TASK, body)
}

/** The build job input for svc-a, with `parameters` over the defaults. */
export function build(parameters: Record<string, unknown> = {}) {
  return {
    job_name: 'build',
    job_type: 'zadig-build',
    parameters: {
      registry: 'https://harbor.example.com/library',
      service_list: [{ service_name: 'svc-a', service_module: 'svc-a' }],
      ...parameters
    }
  }
}

/** The build job input for svc-a as build-deploy needs it. */
export const BUILD = build()

/** The deploy job input, to the dev environment. */
export const DEPLOY = {
  job_name: 'deploy',
  job_type: 'zadig-deploy',
  parameters: { env_name: 'dev' }
}

/** The job inputs of release-gate and release-gate-v3. */
export const GATE_INPUTS = [
  BUILD,
  DEPLOY,
  { job_name: 'approve', job_type: 'approval', parameters: {} },
  { job_name: 'smoke-test', job_type: 'freestyle', parameters: {} }
]

/** Build (180 s) and deploy (60 s) after 2 s in the queue. */
export const TO_GATE_MS = (2 + 180 + 60) * 1000

/** Triggers a task of demo/`workflowKey`, expects 200 and returns its id. */
export async function trigger(
  sim: Simulator,
  workflowKey = 'build-deploy',
  inputs: unknown[] = [BUILD, DEPLOY]
): Promise<number> {
  const r = await post(sim, {
    project_key: 'demo',
    workflow_key: workflowKey,
    inputs
  })
  expect(r.status).toBe(200)
  return (r.json as { task_id: number }).task_id
}

/** Reads the detail of task `id` of `workflowKey`. */
export async function detail(
  sim: Simulator,
  id: number,
  workflowKey = 'build-deploy'
): Promise<WorkflowTaskPreview> {
  const path = `${TASK}?taskId=${id}&workflowKey=${workflowKey}`
  return (await call(sim, 'GET', path)).json as WorkflowTaskPreview
}

/** Triggers (demo/build-deploy unless `body` says), lets the task finish, returns it. */
export async function run(
  sim: Simulator,
  body: Record<string, unknown>
): Promise<WorkflowTaskPreview> {
  const r = await post(sim, {
    project_key: 'demo',
    workflow_key: 'build-deploy',
    ...body
  })
  expect(r.status).toBe(200)
  sim.clock.advance(3_600_000)
  const id = (r.json as { task_id: number }).task_id
  return sim
    .tasks(String(body.workflow_key ?? 'build-deploy'))
    .find(t => t.task_id === id)!
}

/** Approves or rejects (per `body`) as `user`, one of the simulator's users. */
export function approve(
  sim: Simulator,
  user: string,
  body: Record<string, unknown>
): Promise<Reply> {
  const token = sim.tokens[user]
  if (!token) throw new Error(`the simulator has no user ${user}`)
  return call(sim, 'POST', `${TASK}/approve`, body, { token })
}

/** ZadigX's 500 answer with `description`. */
export function internal(description: string) {
  return { message: 'Internal Error: ', code: 500, description }
}
