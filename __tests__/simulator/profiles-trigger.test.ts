// Trigger behaviour per server profile: each switch against the version it starts at.
import type { SimJob, SimWorkflow } from '../../simulator/index.js'
import { defaultCatalog, PROFILES } from '../../simulator/index.js'
import { buildsThroughOpenApi, since, withSim } from '../helpers/profiles.js'
import {
  BUILD,
  build,
  call,
  DEPLOY,
  GATE_INPUTS,
  post,
  run,
  TASK
} from '../helpers/sim-http.js'

const at = PROFILES.map(p => [p.name, p] as const)

// The default catalog with build-deploy's deploy job changed by `change`.
function withDeploy(change: (deploy: SimJob) => void): SimWorkflow[] {
  const catalog = defaultCatalog()
  change(catalog[0]!.stages[1]!.jobs[0]!)
  return catalog
}

describe.each(at)('trigger on %s', (_name, profile) => {
  it('drops unlisted jobs, or skips them and refuses a skipped force_run job (v3.4.1)', async () => {
    if (!buildsThroughOpenApi(profile)) return
    const workflows = withDeploy(d => (d.runPolicy = 'force_run'))
    const r = await withSim(
      profile,
      sim => post(sim, { workflow_key: 'build-deploy', inputs: [BUILD] }),
      { workflows }
    )
    const code = (r.json as { code?: number }).code
    expect([r.status, code]).toEqual(
      since(profile, 'v3.4.1') ? [400, 6160] : [200, undefined]
    )
  })

  it('still skips a listed default_not_run job before v4.1', async () => {
    if (!buildsThroughOpenApi(profile)) return
    const workflows = withDeploy(d => (d.runPolicy = 'default_not_run'))
    const task = await withSim(
      profile,
      sim => run(sim, { inputs: [BUILD, DEPLOY] }),
      {
        workflows
      }
    )
    const stages = task.stages.map(s => s.name)
    expect(stages).toEqual(
      since(profile, 'v4.1') ? ['build', 'deploy'] : ['build']
    )
  })

  it('reads `parameters` from v3.1', async () => {
    const parameters = [{ name: 'NOPE', type: 'string', value: 'x' }]
    const r = await withSim(profile, sim =>
      post(sim, {
        workflow_key: 'build-deploy',
        inputs: [BUILD, DEPLOY],
        parameters
      })
    )
    expect(r.status).toBe(since(profile, 'v3.1') ? 500 : 200)
  })

  it('refuses a listed approval job before v4.1 and never runs an unlisted one', async () => {
    if (!buildsThroughOpenApi(profile)) return
    await withSim(profile, async sim => {
      const listed = await post(sim, {
        workflow_key: 'release-gate-v3',
        inputs: GATE_INPUTS
      })
      expect([
        listed.status,
        (listed.json as { description?: string }).description
      ]).toEqual(
        since(profile, 'v4.1')
          ? [200, undefined]
          : [500, 'undefined job type of type:approval']
      )
      const inputs = GATE_INPUTS.filter(i => i.job_name !== 'approve')
      const task = await run(sim, { workflow_key: 'release-gate-v3', inputs })
      expect(task.status).toBe('passed')
      expect(task.stages.map(s => s.name)).toEqual([
        'build',
        'deploy',
        'release'
      ])
    })
  })

  it.each([
    ['zadig-vm-deploy', 'v3.3'],
    ['sql', 'v3.4.0'],
    ['tapd', 'v4.0'],
    ['ai-release-specialist', 'v5.0']
  ] as const)('has an input updater for %s from %s', async (type, first) => {
    const catalog = defaultCatalog()
    const job: SimJob = {
      name: 'extra',
      type,
      spec: {},
      script: { durationSec: 1, outcome: 'passed' }
    }
    catalog[0]!.stages.push({ name: 'extra', jobs: [job] })
    const r = await withSim(
      profile,
      sim =>
        post(sim, {
          workflow_key: 'build-deploy',
          inputs: [
            BUILD,
            DEPLOY,
            { job_name: 'extra', job_type: type, parameters: {} }
          ]
        }),
      { workflows: catalog }
    )
    expect(r.status).toBe(since(profile, first) ? 200 : 500)
  })

  it('copies enable_commit and commit_id from v4.1', async () => {
    if (!buildsThroughOpenApi(profile)) return
    const repo_info = [
      {
        codehost_name: 'gitlab-main',
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        branch: 'main',
        enable_commit: true,
        commit_id: 'c0ffee'
      }
    ]
    const service_list = [
      { service_name: 'svc-a', service_module: 'svc-a', repo_info }
    ]
    const task = await withSim(profile, sim =>
      run(sim, { inputs: [build({ service_list }), DEPLOY] })
    )
    const repo = (
      task.stages[0]!.jobs[0]!.spec as { repos: { commit_id: string }[] }
    ).repos[0]!
    expect(repo.commit_id === 'c0ffee').toBe(since(profile, 'v4.1'))
  })

  it('wraps an updater error with the job and cause from v3.4.0', async () => {
    const r = await withSim(profile, sim =>
      post(sim, {
        workflow_key: 'build-deploy',
        inputs: [build({ registry: 'x' }), DEPLOY]
      })
    )
    expect((r.json as { description: string }).description).toBe(
      since(profile, 'v3.4.0')
        ? "failed to update jobspec for job: build, err: didn't find the specified image registry"
        : 'failed to update jobspec'
    )
  })

  it('deploys only the listed services from v3.0 (earlier: every stored one)', async () => {
    const workflows = withDeploy(d => {
      d.spec.source = 'runtime'
      d.spec.service_and_images = ['svc-a', 'svc-b'].map(s => ({
        service_name: s,
        service_module: s,
        image: ''
      }))
    })
    const service_list = [
      { service_name: 'svc-a', service_module: 'svc-a', image_name: 'a:1' }
    ]
    const input = {
      job_name: 'deploy',
      job_type: 'zadig-deploy',
      parameters: { env_name: 'dev', service_list }
    }
    const task = await withSim(profile, sim => run(sim, { inputs: [input] }), {
      workflows
    })
    expect(task.stages[0]!.jobs).toHaveLength(since(profile, 'v3.0') ? 1 : 2)
  })

  it('ends a task skipped when the execute policy skips every job (v4.1)', async () => {
    if (!buildsThroughOpenApi(profile)) return
    const catalog = defaultCatalog()
    for (const job of catalog[0]!.stages.flatMap(s => s.jobs))
      job.script = { durationSec: 10, outcome: 'skipped' }
    const task = await withSim(
      profile,
      sim => run(sim, { inputs: [BUILD, DEPLOY] }),
      {
        workflows: catalog
      }
    )
    expect(task.status).toBe(since(profile, 'v4.1') ? 'skipped' : 'passed')
  })

  it('decodes the body with ShouldBindJSON before v2.2, json.Unmarshal after', async () => {
    const r = await withSim(profile, sim => call(sim, 'POST', TASK, ''))
    expect([r.status, (r.json as { description: string }).description]).toEqual(
      [400, since(profile, 'v2.2') ? 'unexpected end of JSON input' : 'EOF']
    )
  })
})

describe.each(at)('builds through the OpenAPI on %s', (_name, profile) => {
  it('keeps the listed builds, except on v3.4.0 (no stage: 6160, the id is used up)', async () => {
    await withSim(profile, async sim => {
      const body = { workflow_key: 'build-deploy', inputs: [BUILD, DEPLOY] }
      const first = await post(sim, body)
      if (buildsThroughOpenApi(profile)) {
        expect((first.json as { task_id: number }).task_id).toBe(11)
        return
      }
      expect(first.json).toMatchObject({
        code: 6160,
        description: 'no stage found in workflow task: build-deploy,taskID: 11'
      })
      const smoke = {
        job_name: 'smoke-test',
        job_type: 'freestyle',
        parameters: {}
      }
      const next = await post(sim, {
        workflow_key: 'release-gate',
        inputs: [BUILD, DEPLOY, smoke]
      })
      expect(next.status).toBe(200)
    })
  })
})
