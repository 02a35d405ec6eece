// Shapes, routes, auth and permissions per server profile: each switch against the
// version it starts at.
import { parse } from 'yaml'
import type { SimWorkflow } from '../../simulator/index.js'
import {
  defaultCatalog,
  PROFILE_NAMES,
  PROFILES
} from '../../simulator/index.js'
import { buildsThroughOpenApi, since, withSim } from '../helpers/profiles.js'
import {
  approve,
  BUILD,
  call,
  DEPLOY,
  detail,
  post,
  run,
  TASK,
  TO_GATE_MS,
  trigger
} from '../helpers/sim-http.js'

const at = PROFILES.map(p => [p.name, p] as const)

// build-deploy, release-gate and release-gate-v3, all following the server's shapes.
function unpinned(): SimWorkflow[] {
  return defaultCatalog().map(w => ({ ...w, model: undefined }))
}

const NO_APPROVAL = `name: bare
display_name: Bare
project: demo
stages:
  - name: test
    jobs:
      - name: unit
        type: freestyle
        spec: {}
`
const SMOKE = { job_name: 'smoke-test', job_type: 'freestyle', parameters: {} }

describe.each(at)('server %s', (_name, profile) => {
  it('has stage approvals up to v3.0, approval jobs (wait_for_approval) after', async () => {
    if (!buildsThroughOpenApi(profile)) return
    await withSim(
      profile,
      async sim => {
        const d = await call(
          sim,
          'GET',
          '/openapi/workflows/custom/build-deploy/detail?projectKey=demo'
        )
        const stage = (d.json as { stages: object[] }).stages[0]!
        expect('approval' in stage).toBe(!since(profile, 'v3.1'))
        const id = await trigger(sim, 'release-gate', [BUILD, DEPLOY, SMOKE])
        sim.clock.advance(TO_GATE_MS)
        const task = await detail(sim, id, 'release-gate')
        expect(task.status).toBe(
          since(profile, 'v3.1') ? 'running' : 'waitforapprove'
        )
        expect('manual_exec' in task.stages[0]!).toBe(since(profile, 'v3.1'))
        if (!since(profile, 'v4.1')) return
        const inputs = [
          BUILD,
          DEPLOY,
          { job_name: 'approve', job_type: 'approval', parameters: {} }
        ]
        const gate = await trigger(sim, 'release-gate-v3', inputs)
        sim.clock.advance(TO_GATE_MS)
        const v3 = await detail(sim, gate, 'release-gate-v3')
        expect(v3.stages[2]!.jobs[0]!.status).toBe('wait_for_approval')
      },
      { workflows: unpinned() }
    )
  })

  it('names job tasks with GenJobName and keys from v3.3, `remark` from v3.1, `cost_seconds` always from v2.0', async () => {
    if (!buildsThroughOpenApi(profile)) return
    const task = await withSim(
      profile,
      sim => run(sim, { inputs: [BUILD, DEPLOY] }),
      {
        workflows: unpinned()
      }
    )
    const job = task.stages[0]!.jobs[0]!
    expect(job.name).toBe(
      since(profile, 'v3.3') ? 'job-0-0-0-build' : 'svc-a-svc-a-build'
    )
    expect('key' in job).toBe(since(profile, 'v3.3'))
    expect('remark' in task).toBe(since(profile, 'v3.1'))
    // A job not yet started costs 0: omitted before v2.0.
    const waiting = await withSim(
      profile,
      async sim => detail(sim, await trigger(sim)),
      {
        workflows: unpinned()
      }
    )
    expect('cost_seconds' in waiting.stages[0]!.jobs[0]!).toBe(
      since(profile, 'v2.0')
    )
  })

  it('panics (empty 500) on a stage without approval up to v3.0; the UI API still answers', async () => {
    await withSim(profile, async sim => {
      const created = await call(
        sim,
        'POST',
        '/api/aslan/workflow/v4',
        NO_APPROVAL,
        {
          textType: 'text/yaml'
        }
      )
      expect(created.status).toBe(200)
      const d = await call(
        sim,
        'GET',
        '/openapi/workflows/custom/bare/detail?projectKey=demo'
      )
      expect([d.status, d.text === '']).toEqual(
        since(profile, 'v3.1') ? [200, false] : [500, true]
      )
      const ui = await call(
        sim,
        'GET',
        '/api/aslan/workflow/v4/name/bare?projectName=demo'
      )
      expect([ui.status, ui.type]).toEqual([
        200,
        'application/x-yaml; charset=utf-8'
      ])
      const stored = parse(ui.text) as Record<string, unknown> & {
        stages: Record<string, unknown>[]
      }
      expect(stored.stages[0]!.approval).toBeNull()
      expect('manual_exec' in stored.stages[0]!).toBe(since(profile, 'v3.1'))
      expect('disabled' in stored).toBe(since(profile, 'v3.1'))
      expect('key_vals' in stored).toBe(!since(profile, 'v3.3'))
      expect('enable_approval_ticket' in stored).toBe(since(profile, 'v3.3'))
      expect('approval_ticket_id' in stored).toBe(since(profile, 'v3.4.0'))
      expect('remark_required' in stored).toBe(since(profile, 'v5.0'))
      const carol = await call(
        sim,
        'GET',
        '/api/aslan/workflow/v4/name/bare',
        undefined,
        {
          token: sim.tokens.carol
        }
      )
      expect(carol.status).toBe(403)
    })
  })

  it('cancels from the JSON body up to v3.3, from the query from v3.4.0', async () => {
    if (!buildsThroughOpenApi(profile)) return
    await withSim(profile, async sim => {
      const id = await trigger(sim)
      const body = { task_id: id, workflow_key: 'build-deploy' }
      await call(sim, 'DELETE', TASK, body)
      expect((await detail(sim, id)).status).toBe(
        since(profile, 'v3.4.0') ? 'waiting' : 'cancelled'
      )
    })
  })

  it('lower-cases task-list statuses from v2.0 (no stored status has capitals)', () => {
    expect(profile.lowerCaseTaskList).toBe(since(profile, 'v2.0'))
  })

  it('serves the product OpenAPI up to v3.4.0 and the /openapi workflow CRUD from v5.0', async () => {
    await withSim(profile, async sim => {
      const list = await call(
        sim,
        'GET',
        '/openapi/workflows/product/legacy-deploy/tasks?projectKey=demo'
      )
      expect(list.status).toBe(since(profile, 'v3.4.1') ? 404 : 200)
      const create = await call(
        sim,
        'POST',
        '/openapi/workflows/custom',
        NO_APPROVAL,
        {
          textType: 'text/yaml'
        }
      )
      expect([create.status, create.text]).toEqual(
        since(profile, 'v5.0')
          ? [200, '{"message":"success"}']
          : [405, 'Method not allowed: POST /openapi/workflows/custom']
      )
    })
  })

  it('adds a created workflow to ?viewName= from v2.0', async () => {
    await withSim(profile, async sim => {
      await call(
        sim,
        'POST',
        '/api/aslan/workflow/v4?viewName=release',
        NO_APPROVAL,
        {
          textType: 'text/yaml'
        }
      )
      const views = await call(
        sim,
        'GET',
        '/openapi/workflows/view?projectKey=demo'
      )
      expect(JSON.stringify(views.json).includes('"bare"')).toBe(
        since(profile, 'v2.0')
      )
    })
  })

  it('checks project membership in the OpenAPI trigger and views from v2.2', async () => {
    if (!buildsThroughOpenApi(profile)) return
    await withSim(profile, async sim => {
      const body = {
        project_key: 'demo',
        workflow_key: 'build-deploy',
        inputs: [BUILD, DEPLOY]
      }
      const carol = await call(sim, 'POST', TASK, body, {
        token: sim.tokens.carol
      })
      expect([carol.status, carol.text === '']).toEqual(
        since(profile, 'v2.2') ? [403, true] : [200, false]
      )
      const bob = await call(sim, 'POST', TASK, body, { token: sim.tokens.bob })
      expect(bob.status).toBe(200)
      const view = { project_key: 'demo', name: 'mine', workflow_list: [] }
      const created = await call(sim, 'POST', '/openapi/workflows/view', view, {
        token: sim.tokens.carol
      })
      expect(created.status).toBe(since(profile, 'v2.2') ? 403 : 200)
    })
  })

  it('authenticates a Bearer header first on v1.18, ?token= first from v2.0; aslan acts as the header', async () => {
    await withSim(profile, async sim => {
      const list = '/openapi/workflows?projectKey=demo'
      const bad = await call(sim, 'GET', `${list}&token=not-a-token`)
      expect(bad.status).toBe(since(profile, 'v2.0') ? 401 : 200)
      await call(sim, 'GET', `${list}&token=${sim.tokens.alice}`)
      expect(sim.requests.at(-1)?.user).toBe('admin')
      const other = await call(sim, 'GET', list, undefined, {
        headers: { Authorization: `Token ${sim.tokens.bob}` }
      })
      expect(other.status).toBe(since(profile, 'v2.0') ? 200 : 401)
      await call(sim, 'GET', `${list}&token=${sim.tokens.alice}`, undefined, {
        headers: {}
      })
      expect(sim.requests.at(-1)?.user).toBe(
        since(profile, 'v3.1') ? 'alice' : 'system'
      )
    })
  })

  it('words approval refusals per version', async () => {
    if (!buildsThroughOpenApi(profile)) return
    await withSim(profile, async sim => {
      const id = await trigger(sim, 'release-gate', [BUILD, DEPLOY, SMOKE])
      const decision = {
        workflow_key: 'release-gate',
        task_id: id,
        stage_name: 'release',
        approve: true
      }
      const early = await approve(sim, 'alice', decision)
      expect((early.json as { description: string }).description).toBe(
        since(profile, 'v2.2')
          ? 'not found approval'
          : `workflow release-gate ID ${id} stage release do not need approve`
      )
      sim.clock.advance(TO_GATE_MS)
      const bob = await approve(sim, 'bob', decision)
      expect((bob.json as { description: string }).description).toBe(
        `user bob has no authority to ${since(profile, 'v2.0') ? 'Approve' : 'approve'}`
      )
    })
  })

  it('answers the version probes (manualexec v3.1, workflow/v4/global v4.1, cli/context v5.0)', async () => {
    await withSim(profile, async sim => {
      const manual = await call(
        sim,
        'GET',
        '/api/aslan/workflow/v4/workflowtask/manualexec/workflow/build-deploy/task/x'
      )
      expect(manual.status).toBe(since(profile, 'v3.1') ? 400 : 404)
      const global = await call(
        sim,
        'GET',
        '/api/aslan/workflow/v4/global?projectName=demo'
      )
      expect([
        global.status,
        global.text.startsWith(
          'Method not allowed: GET /api/workflow/v4/global'
        )
      ]).toEqual(since(profile, 'v4.1') ? [200, false] : [405, true])
      const cli = await call(sim, 'GET', '/openapi/system/cli/context')
      expect(cli.status).toBe(since(profile, 'v5.0') ? 200 : 404)
    })
  })

  it('forbids directory restart without ?projectName= for members (row 2); fails from v3.4.1', async () => {
    await withSim(profile, async sim => {
      const r = await post(sim, {})
      expect(r.status).toBe(400)
      const path =
        '/api/directory/workflowTask/id/3/pipelines/legacy-deploy/restart'
      const bare = await call(sim, 'POST', path, undefined, {
        token: sim.tokens.bob
      })
      expect(bare.json).toEqual({ resultCode: 500, errorMsg: 'fail' })
      const ok = await call(
        sim,
        'POST',
        '/api/directory/workflowTask/id/2/pipelines/legacy-deploy/restart?projectName=demo',
        undefined,
        {
          token: sim.tokens.bob
        }
      )
      expect(ok.json).toEqual(
        since(profile, 'v3.4.1')
          ? { resultCode: 500, errorMsg: 'fail' }
          : { resultCode: 0, errorMsg: 'success' }
      )
    })
  })
})

it('loops over every profile, oldest first', () => {
  expect(PROFILES.map(p => p.name)).toEqual([...PROFILE_NAMES])
})
