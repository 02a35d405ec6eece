// Creating, updating and deleting custom workflows from YAML (reference 3.9-3.11).
import type { Simulator } from '../../simulator/index.js'
import { DEFAULT_EPOCH_MS, startSimulator } from '../../simulator/index.js'
import type { WorkflowDetail } from '../../src/zadig/types.js'
import { detail, call as request, type Reply } from '../helpers/sim-http.js'

/** A request whose string body is workflow YAML. */
function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: string | object,
  token?: string
): Promise<Reply> {
  return request(sim, method, path, body, { token, textType: 'text/yaml' })
}

const UI = '/api/aslan/workflow/v4'

function yaml(key = 'yaml-flow', display = 'YAML Flow', extra = ''): string {
  return `name: ${key}
display_name: ${display}
project: demo
description: made from YAML
stages:
  - name: test
    approval: { enabled: false }
    jobs:
      - name: unit
        type: freestyle
        spec:
          properties: { timeout: 60, envs: [] }
          steps: []
${extra}`
}

const RELEASE_STAGE = `  - name: release
    approval:
      enabled: true
      type: native
      description: ship it
      native_approval:
        timeout: 30
        approve_users: [{ user_name: alice, user_id: uid-alice }]
    jobs:
      - name: ship
        type: freestyle
        spec: {}
`

function upsertError(description: string) {
  return {
    type: 'error',
    message: '新建或更新wokflow失败',
    code: 6540,
    description,
    extra: {}
  }
}

async function keys(sim: Simulator): Promise<string[]> {
  const r = await call(sim, 'GET', '/openapi/workflows?projectKey=demo')
  return (r.json as { workflows: { workflow_key: string }[] }).workflows.map(
    w => w.workflow_key
  )
}

async function trigger(sim: Simulator, key: string, jobs: string[]) {
  const inputs = jobs.map(job_name => ({
    job_name,
    job_type: 'freestyle',
    parameters: {}
  }))
  const body = { project_key: 'demo', workflow_key: key, inputs }
  return call(sim, 'POST', '/openapi/workflows/custom/task', body)
}

describe('custom workflow CRUD on v1.7', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version: 'v1.7' })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('creates a workflow from YAML that can be triggered to passed', async () => {
    sim.clock.advance(60_000)
    const r = await call(sim, 'POST', UI, yaml(), sim.tokens.bob)
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    expect(await keys(sim)).toEqual([
      'build-deploy',
      'release-gate',
      'release-gate-v3',
      'yaml-flow',
      'legacy-deploy'
    ])
    const stored = (
      await call(
        sim,
        'GET',
        '/openapi/workflows/custom/yaml-flow/detail?projectKey=demo'
      )
    ).json as WorkflowDetail
    expect(stored).toMatchObject({
      workflow_key: 'yaml-flow',
      workflow_name: 'YAML Flow',
      description: 'made from YAML',
      created_by: 'bob',
      create_time: Math.floor(DEFAULT_EPOCH_MS / 1000) + 60,
      updated_by: ''
    })
    expect(stored.stages?.[0]?.jobs?.[0]).toMatchObject({
      name: 'unit',
      type: 'freestyle',
      spec: { properties: { timeout: 60, envs: [] }, steps: [] }
    })
    const t = await trigger(sim, 'yaml-flow', ['unit'])
    expect(t.json).toEqual({
      project_name: 'demo',
      workflow_name: 'yaml-flow',
      task_id: 1
    })
    sim.clock.advance(2_000 + 29_000)
    expect((await detail(sim, 1, 'yaml-flow')).status).toBe('running')
    sim.clock.advance(1_000)
    const done = await detail(sim, 1, 'yaml-flow')
    expect(done.status).toBe('passed')
    expect(done.stages?.[0]?.jobs?.[0]).toMatchObject({
      name: 'unit',
      status: 'passed'
    })
  })

  it('turns a YAML stage approval into a v1.7 stage gate', async () => {
    await call(sim, 'POST', UI, yaml('gated', 'Gated', RELEASE_STAGE))
    await trigger(sim, 'gated', ['unit', 'ship'])
    sim.clock.advance(40_000)
    const waiting = await detail(sim, 1, 'gated')
    expect(waiting.status).toBe('waitforapprove')
    expect(waiting.stages?.[1]?.approval).toMatchObject({
      enabled: true,
      description: 'ship it',
      native_approval: { timeout: 30 }
    })
    sim.decide('gated', 1, { user: 'alice', approve: true })
    sim.clock.advance(60_000)
    expect((await detail(sim, 1, 'gated')).status).toBe('passed')
  })

  it('answers YAML that does not parse or does not fit with 400 code 400', async () => {
    const broken = await call(sim, 'POST', UI, 'name: [a, b\nproject: demo')
    expect(broken.status).toBe(400)
    expect(broken.json).toMatchObject({ code: 400, message: 'Bad Request' })
    expect((broken.json as { description: string }).description).toMatch(/\S/)
    const scalar = await call(sim, 'POST', UI, 'hello')
    expect(scalar.json).toMatchObject({
      code: 400,
      description:
        'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `hello` into models.WorkflowV4'
    })
    const stages = await call(sim, 'POST', UI, 'name: a\nstages: nope')
    expect((stages.json as { description: string }).description).toBe(
      'yaml: unmarshal errors:\n  line 2: cannot unmarshal !!str `nope` into []*models.WorkflowStage'
    )
    // JSON is a YAML subset: the same document as JSON works.
    const json = await call(sim, 'POST', UI, {
      name: 'as-json',
      display_name: 'As JSON',
      project: 'demo',
      stages: []
    })
    expect(json.status).toBe(200)
  })

  it('refuses taken keys and display names, and lints like LintWorkflowV4', async () => {
    const cases: [string, string][] = [
      [
        yaml('build-deploy'),
        '与项目 [demo] 中的工作流 [Build & Deploy] 标识相同'
      ],
      [
        yaml('other', 'Build & Deploy'),
        '当前项目已存在工作流 [Build & Deploy]'
      ],
      ['name: no-project\nstages: []', 'project should not be empty'],
      [yaml('Bad_Key'), '工作流标识支持小写字母、数字和中划线'],
      [
        yaml().replace('project: demo', 'project: ghost'),
        'mongo: no documents in result'
      ],
      [
        yaml('dup-stage', 'Dup', '  - name: test\n    jobs: []\n'),
        'duplicated stage name: test'
      ],
      [
        yaml().replace('- name: unit', '- name: Unit'),
        'job name [Unit] did not match ^[a-z][a-z0-9-]{0,31}$'
      ],
      [
        yaml(
          'dup-job',
          'Dup',
          '  - name: more\n    jobs:\n      - name: unit\n        type: freestyle\n'
        ),
        'duplicated job name: unit'
      ]
    ]
    for (const [body, description] of cases) {
      const r = await call(sim, 'POST', UI, body)
      expect([r.status, r.json]).toEqual([400, upsertError(description)])
    }
    expect(await keys(sim)).not.toContain('other')
  })

  it('updates a definition in place, keeping its tasks and job scripts', async () => {
    await call(sim, 'POST', UI, yaml())
    sim.workflow('yaml-flow').stages[0]!.jobs[0]!.script = {
      durationSec: 5,
      outcome: 'failed'
    }
    await trigger(sim, 'yaml-flow', ['unit'])
    const extra =
      '  - name: more\n    jobs:\n      - name: lint\n        type: freestyle\n'
    sim.clock.advance(10_000)
    const r = await call(
      sim,
      'PUT',
      `${UI}/yaml-flow`,
      yaml('yaml-flow', 'Renamed', extra),
      sim.tokens.alice
    )
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    const wf = sim.workflow('yaml-flow')
    expect(wf.name).toBe('Renamed')
    expect(wf.updatedBy).toBe('alice')
    expect(
      wf.stages.map(s => s.jobs.map(j => [j.name, j.script.durationSec]))
    ).toEqual([[['unit', 5]], [['lint', 30]]])
    expect((await detail(sim, 1, 'yaml-flow')).status).toBe('failed')
    await trigger(sim, 'yaml-flow', ['unit', 'lint'])
    sim.clock.advance(60_000)
    // The carried-over script still fails `unit`, so `lint` never starts.
    const second = await detail(sim, 2, 'yaml-flow')
    expect(second.stages?.map(s => [s.name, s.status])).toEqual([
      ['test', 'failed'],
      ['more', '']
    ])
  })

  it('refuses updates of unknown workflows and taken display names', async () => {
    const unknown = await call(sim, 'PUT', `${UI}/ghost`, yaml('ghost'))
    expect([unknown.status, unknown.json]).toEqual([
      400,
      {
        type: 'error',
        message: '查询workflow失败',
        code: 6542,
        description: 'mongo: no documents in result',
        extra: {}
      }
    ])
    await call(sim, 'POST', UI, yaml())
    const taken = await call(
      sim,
      'PUT',
      `${UI}/yaml-flow`,
      yaml('yaml-flow', 'Release Gate')
    )
    expect(taken.json).toEqual(
      upsertError('workflow v4 [Release Gate] 展示名称在当前项目下重复!')
    )
    const parse = await call(sim, 'PUT', `${UI}/yaml-flow`, 'a: [')
    expect(parse.json).toMatchObject({ code: 400 })
  })

  it('deletes a workflow with its tasks; a new one starts at task 1', async () => {
    const missing = await call(
      sim,
      'DELETE',
      '/openapi/workflows/custom?projectKey=demo'
    )
    expect([missing.status, missing.json]).toMatchObject([
      400,
      { code: 400, description: 'workflowKey is required' }
    ])
    const unknown = await call(
      sim,
      'DELETE',
      '/openapi/workflows/custom?workflowKey=ghost'
    )
    expect(unknown.json).toMatchObject({
      code: 6543,
      message: '删除workflow失败'
    })
    const r = await call(
      sim,
      'DELETE',
      '/openapi/workflows/custom?workflowKey=build-deploy&projectKey=demo'
    )
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    expect(await keys(sim)).not.toContain('build-deploy')
    expect((await trigger(sim, 'build-deploy', [])).json).toMatchObject({
      code: 6542
    })
    const yamlBuild = yaml('build-deploy', 'Build & Deploy')
    expect((await call(sim, 'POST', UI, yamlBuild)).status).toBe(200)
    expect((await trigger(sim, 'build-deploy', ['unit'])).json).toMatchObject({
      task_id: 1
    })
  })

  it('has no /openapi create/update routes and ignores viewName on v1.7', async () => {
    // DELETE /openapi/workflows/custom exists, so POST is 405 (source-audit S2).
    const post = await call(sim, 'POST', '/openapi/workflows/custom', yaml())
    expect([post.status, post.type, post.text]).toEqual([
      405,
      'text/plain; charset=utf-8',
      'Method not allowed: POST /openapi/workflows/custom'
    ])
    const put = await call(
      sim,
      'PUT',
      '/openapi/workflows/custom/build-deploy',
      yaml()
    )
    expect(put.status).toBe(404)
    await call(sim, 'POST', `${UI}?viewName=release`, yaml())
    expect(await keys(sim)).toContain('yaml-flow')
    const listed = await call(
      sim,
      'GET',
      '/openapi/workflows?projectKey=demo&viewName=release'
    )
    expect(JSON.stringify(listed.json)).not.toContain('yaml-flow')
  })
})

describe('custom workflow CRUD on current', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('serves POST/PUT /openapi/workflows/custom and adds to ?viewName=', async () => {
    const r = await call(
      sim,
      'POST',
      '/openapi/workflows/custom?viewName=release',
      yaml()
    )
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    const views = await call(
      sim,
      'GET',
      '/openapi/workflows/view?projectKey=demo'
    )
    expect(JSON.stringify(views.json)).toContain('"workflow_key":"yaml-flow"')
    // A missing view is ignored (the handler drops AddWorkflowToView's error).
    const other = await call(
      sim,
      'POST',
      `${UI}?viewName=ghost`,
      yaml('other', 'Other')
    )
    expect(other.status).toBe(200)
    const put = await call(
      sim,
      'PUT',
      '/openapi/workflows/custom/yaml-flow',
      yaml('yaml-flow', 'New Name')
    )
    expect(put.status).toBe(200)
    expect(sim.workflow('yaml-flow').name).toBe('New Name')
    await trigger(sim, 'yaml-flow', ['unit'])
    sim.clock.advance(32_000)
    const done = await detail(sim, 1, 'yaml-flow')
    expect(done.status).toBe('passed')
    expect(done.stages?.[0]?.jobs?.[0]?.name).toBe('job-0-0-0-unit')
  })
})
