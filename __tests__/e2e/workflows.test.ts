// End-to-end: workflow definitions, views and product (legacy) workflows.
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'
import { PRODUCT_INPUT } from '../helpers/product-input.js'

let sim: Simulator
let driver: Driver

const act = (inputs: Record<string, string>): Promise<BundleRun> =>
  driver(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    'poll-interval': '10ms',
    ...inputs
  })

const sent = (method: string, path: string) =>
  sim.requests.filter(r => r.method === method && r.path === path)

// A stage without `approval` makes the v1.18 OpenAPI detail panic (source-audit row 1).
const DEFINITION = `
name: nightly
display_name: Nightly
project: demo
stages:
  - name: test
    approval: {enabled: false}
    jobs:
      - name: unit
        type: freestyle
        spec:
          properties: {envs: []}
          steps: []
`

afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('workflow definitions and views (%s)', (_n, run) => {
  beforeEach(async () => {
    sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    driver = run
  })

  it('creates a workflow from YAML, triggers it, updates and deletes it', async () => {
    const created = await act({
      operation: 'create-workflow',
      definition: DEFINITION
    })
    expect(created.exitCode).toBe(0)
    expect(JSON.parse(created.outputs.data ?? '{}')).toEqual({
      workflow_key: 'nightly'
    })
    expect(sent('POST', '/api/aslan/workflow/v4')[0]?.body).toContain(
      'name: nightly'
    )
    const triggered = await act({ workflow: 'nightly' })
    expect(triggered.outputs.result).toBe('success')
    const updated = await act({
      operation: 'update-workflow',
      workflow: 'nightly',
      definition: DEFINITION.replace('Nightly', 'Nightly build')
    })
    expect(updated.exitCode).toBe(0)
    expect(sent('PUT', '/api/aslan/workflow/v4/nightly')).toHaveLength(1)
    const deleted = await act({
      operation: 'delete-workflow',
      workflow: 'nightly'
    })
    expect(deleted.exitCode).toBe(0)
    expect(sent('DELETE', '/openapi/workflows/custom')[0]?.query).toMatchObject(
      {
        workflowKey: 'nightly',
        projectKey: 'demo'
      }
    )
    const gone = await act({ workflow: 'nightly' })
    expect(gone.exitCode).toBe(1)
  })

  it('puts a created workflow into the view even where the server ignores viewName', async () => {
    const created = await act({
      operation: 'create-workflow',
      definition: DEFINITION,
      view: 'release'
    })
    expect(created.exitCode).toBe(0)
    const listed = await act({ operation: 'list-workflows', view: 'release' })
    const keys = (
      JSON.parse(listed.outputs.data ?? '[]') as { workflow_key: string }[]
    ).map(w => w.workflow_key)
    expect(keys).toContain('nightly')
    const missing = await act({
      operation: 'create-workflow',
      definition: DEFINITION.replace(/nightly/gi, 'weekly'),
      view: 'no-such-view'
    })
    expect(missing.exitCode).toBe(0)
    expect(visibleLog(missing.stdout)).toContain(
      'View "no-such-view" does not exist in project demo'
    )
  })

  it('reports a YAML definition the server rejects', async () => {
    await act({ operation: 'create-workflow', definition: DEFINITION })
    const again = await act({
      operation: 'create-workflow',
      definition: DEFINITION
    })
    expect(again.exitCode).toBe(1)
    expect(visibleLog(again.stdout)).toMatch(/6540/)
  })

  it('creates, lists, updates and deletes a view', async () => {
    const created = await act({
      operation: 'create-view',
      view: 'ops',
      'view-workflows':
        '[build-deploy, {workflow_key: legacy-deploy, workflow_type: product}]'
    })
    expect(created.exitCode).toBe(0)
    expect(sent('POST', '/openapi/workflows/view')[0]?.body).toEqual({
      project_key: 'demo',
      name: 'ops',
      workflow_list: [
        { workflow_key: 'build-deploy', workflow_type: 'custom' },
        { workflow_key: 'legacy-deploy', workflow_type: 'product' }
      ]
    })
    const listed = await act({ operation: 'list-views' })
    const views = JSON.parse(listed.outputs.data ?? '[]') as { name: string }[]
    expect(views.map(v => v.name)).toEqual(
      expect.arrayContaining(['release', 'ops'])
    )
    const filtered = await act({ operation: 'list-workflows', view: 'ops' })
    const keys = (
      JSON.parse(filtered.outputs.data ?? '[]') as { workflow_key: string }[]
    ).map(w => w.workflow_key)
    expect(keys).toEqual(['build-deploy', 'legacy-deploy'])
    const updated = await act({
      operation: 'update-view',
      view: 'ops',
      'view-workflows': '[{workflow_key: build-deploy, enabled: false}]'
    })
    expect(updated.exitCode).toBe(0)
    expect(sent('PUT', '/openapi/workflows/view/ops')[0]?.body).toEqual({
      workflow_list: [
        {
          workflow_key: 'build-deploy',
          workflow_type: 'custom',
          enabled: false
        }
      ]
    })
    const deleted = await act({ operation: 'delete-view', view: 'ops' })
    expect(deleted.exitCode).toBe(0)
    const after = await act({ operation: 'list-views' })
    expect(after.outputs.data).not.toContain('"ops"')
  })
})

describe.each(DRIVERS)('product workflows (%s)', (_n, run) => {
  beforeEach(async () => {
    sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    driver = run
  })

  const product = { 'workflow-type': 'product', workflow: 'legacy-deploy' }
  const INPUT = PRODUCT_INPUT

  it('triggers a product workflow and follows it to its end', async () => {
    const done = await act({ ...product, inputs: INPUT })
    expect(done.exitCode).toBe(0)
    expect(done.outputs).toMatchObject({ result: 'success', status: 'passed' })
    expect(done.outputs['task-url']).toContain(
      '/pipelines/multi/legacy-deploy/'
    )
    const body = sent('POST', '/openapi/workflows/product/task')[0]?.body as {
      input: { target_env: string }
    }
    expect(body.input.target_env).toBe('dev')
    const listed = await act({ ...product, operation: 'list-tasks' })
    const page = JSON.parse(listed.outputs.data ?? '{}') as {
      tasks: { task_id: number }[]
    }
    expect(page.tasks.map(t => t.task_id)).toContain(
      Number(done.outputs['task-id'])
    )
  })

  it('restarts a failed product task', async () => {
    const wf = sim.productWorkflow('legacy-deploy')
    wf.build = { durationSec: 60, outcome: ['failed', 'passed'] }
    const failed = await act({ ...product, inputs: INPUT })
    expect(failed.outputs.result).toBe('failure')
    const restarted = await act({
      ...product,
      operation: 'restart',
      'task-id': failed.outputs['task-id'] as string
    })
    expect(restarted.outputs.result).toBe('success')
  })

  it('cancels a running product task through the directory API', async () => {
    sim.productWorkflow('legacy-deploy').build = {
      durationSec: 86_400,
      outcome: 'passed'
    }
    const started = await act({ ...product, inputs: INPUT, wait: 'false' })
    const cancelled = await act({
      ...product,
      operation: 'cancel',
      'task-id': started.outputs['task-id'] as string
    })
    expect(cancelled.exitCode).toBe(0)
    expect(cancelled.outputs.result).toBe('cancelled')
    expect(
      sent(
        'POST',
        `/api/directory/workflowTask/id/${started.outputs['task-id']}/pipelines/legacy-deploy/cancel`
      )
    ).toHaveLength(1)
  })
})

describe('product workflows on Zadig v3.4.1+ (bundle)', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
    driver = DRIVERS[0]![1]
  })

  it('names the versions that have the product-workflow API', async () => {
    const run = await act({
      'workflow-type': 'product',
      workflow: 'legacy-deploy',
      operation: 'list-tasks'
    })
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toContain(
      'Product-workflow routes exist in ZadigX v1.7 .. Zadig v3.4.0 only; Zadig v3.4.1 removed them.'
    )
  })

  it('says so for a product trigger before sending it', async () => {
    const run = await act({
      'workflow-type': 'product',
      workflow: 'legacy-deploy',
      inputs: JSON.stringify({ target_env: 'dev' })
    })
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toContain('Zadig v3.4.1 removed them')
    expect(sim.requests.filter(r => r.method !== 'GET')).toEqual([])
  })
})
