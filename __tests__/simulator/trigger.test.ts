// Trigger semantics and validation on a v1.7 server (reference 3.5, 2.2, 7.9).
import type { Simulator, SimWorkflow } from '../../simulator/index.js'
import { defaultCatalog, startSimulator } from '../../simulator/index.js'
import { fixture } from '../helpers/fixtures.js'
import { build, DEPLOY, internal, post, run } from '../helpers/sim-http.js'

describe('trigger on a v1.7 server', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('answers 6542 for an unknown workflow', async () => {
    const r = await post(sim, {
      project_key: 'demo',
      workflow_key: 'nope',
      inputs: []
    })
    expect(r.status).toBe(400)
    expect(r.json).toEqual(fixture('error-400-workflow-not-found.json'))
  })

  it('rejects an undecodable body as an invalid parameter', async () => {
    const r = await post(sim, 'not json')
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({ code: 400, message: 'Bad Request' })
  })

  it('needs registry = address/namespace exactly', async () => {
    const r = await post(sim, {
      workflow_key: 'build-deploy',
      inputs: [build({ registry: 'harbor.example.com/library' }), DEPLOY]
    })
    expect(r.status).toBe(500)
    expect(r.json).toEqual(internal('failed to update jobspec'))
    const missing = await post(sim, {
      workflow_key: 'build-deploy',
      inputs: [build({ registry: undefined }), DEPLOY]
    })
    expect(missing.status).toBe(500)
  })

  it('fails on an unknown code host alias', async () => {
    const repo_info = [
      {
        codehost_name: 'nope',
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        branch: 'x'
      }
    ]
    const service_list = [
      { service_name: 'svc-a', service_module: 'svc-a', repo_info }
    ]
    const r = await post(sim, {
      workflow_key: 'build-deploy',
      inputs: [build({ service_list }), DEPLOY]
    })
    expect(r.json).toEqual(internal('failed to update jobspec'))
  })

  it('applies repo_info, KV inputs and env_name to the run', async () => {
    const repo_info = [
      {
        codehost_name: 'gitlab-main',
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        branch: 'release/1.2',
        pr: 7,
        prs: [7]
      }
    ]
    const inputs = [
      { key: 'BUILD_MODE', value: 'debug' },
      { key: 'UNKNOWN', value: 'x' }
    ]
    const service_list = [
      { service_name: 'svc-a', service_module: 'svc-a', repo_info, inputs }
    ]
    const task = await run(sim, {
      inputs: [
        build({ service_list }),
        { ...DEPLOY, parameters: { env_name: 'qa' } }
      ]
    })
    const buildJob = task.stages![0]!.jobs![0]!
    const deployJob = task.stages![1]!.jobs![0]!
    const repo = (buildJob.spec?.repos as Record<string, unknown>[])[0]
    expect(repo).toMatchObject({
      branch: 'release/1.2',
      pr: 7,
      prs: [7],
      address: 'https://gitlab.example.com'
    })
    expect(repo?.commit_id).toMatch(/^[0-9a-f]{40}$/)
    expect(buildJob.spec?.envs).toEqual([
      {
        key: 'BUILD_MODE',
        value: 'debug',
        type: 'string',
        is_credential: false
      }
    ])
    expect(deployJob.spec?.env).toBe('qa')
    expect(buildJob.spec?.image).toMatch(/-release-1\.2$/)
  })

  it('copies env_name unconditionally', async () => {
    const task = await run(sim, {
      inputs: [build(), { ...DEPLOY, parameters: {} }]
    })
    expect(task.stages![1]!.jobs![0]!.spec?.env).toBe('')
  })

  it('ignores unknown job names and the sent job_type', async () => {
    const task = await run(sim, {
      inputs: [
        { ...build(), job_type: 'freestyle' },
        DEPLOY,
        { job_name: 'ghost', job_type: 'zadig-build', parameters: {} }
      ]
    })
    expect(task.status).toBe('passed')
    expect(task.stages!.map(s => s.jobs![0]!.name)).toEqual([
      'svc-a-svc-a-build',
      'svc-a-deploy'
    ])
  })

  it('removes unlisted jobs, their empty stages and the stage approval', async () => {
    const task = await run(sim, {
      workflow_key: 'release-gate',
      inputs: [build()]
    })
    expect(task.status).toBe('passed')
    expect(task.stages!.map(s => s.name)).toEqual(['build'])
  })

  it('needs the build job of a fromjob deploy in the inputs', async () => {
    const r = await post(sim, {
      workflow_key: 'build-deploy',
      inputs: [DEPLOY]
    })
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({
      type: 'error',
      code: 6160,
      description:
        'get origin refered job: build targets failed, err: build job build not found'
    })
  })

  it('builds only the listed services, matched on name and module', async () => {
    const wf = defaultCatalog()[0]!
    const spec = wf.stages[0]!.jobs[0]!.spec as {
      service_and_builds: Record<string, unknown>[]
    }
    const svcA = spec.service_and_builds[0]!
    spec.service_and_builds.push({
      ...svcA,
      service_name: 'svc-b',
      service_module: 'svc-b',
      image_name: 'svc-b'
    })
    await sim.close()
    sim = await startSimulator({ workflows: [wf] })
    const service_list = [
      { service_name: 'svc-b', service_module: 'svc-b' },
      { service_name: 'svc-a', service_module: 'other' }
    ]
    const task = await run(sim, { inputs: [build({ service_list }), DEPLOY] })
    expect(task.stages!.map(s => s.jobs!.map(j => j.name))).toEqual([
      ['svc-b-svc-b-build'],
      ['svc-b-deploy']
    ])
  })

  it('fails on job types v1.18 cannot take inputs for', async () => {
    const wf: SimWorkflow = {
      ...defaultCatalog()[0]!,
      key: 'helm',
      history: [],
      stages: [
        {
          name: 'deploy',
          jobs: [
            {
              name: 'helm',
              type: 'zadig-helm-deploy',
              spec: {},
              script: { durationSec: 1, outcome: 'passed' }
            }
          ]
        }
      ]
    }
    await sim.close()
    sim = await startSimulator({ workflows: [wf] })
    const r = await post(sim, {
      workflow_key: 'helm',
      inputs: [{ job_name: 'helm', job_type: 'zadig-deploy', parameters: {} }]
    })
    expect(r.json).toEqual(
      internal('undefined job type of type:zadig-helm-deploy')
    )
  })

  it('ignores parameters, even unknown ones', async () => {
    const parameters = [
      { name: 'NOPE', type: 'string', value: 'x' },
      { name: 'DEPLOY_ENV', type: 'choice', value: 'qa' }
    ]
    const task = await run(sim, { parameters, inputs: [build(), DEPLOY] })
    expect(task.params?.find(p => p.name === 'DEPLOY_ENV')?.value).toBe('dev')
  })

  it('applies freestyle kv overrides', async () => {
    const kv = [{ key: 'TARGET_URL', value: 'https://svc-a.qa.example.com' }]
    const smoke = {
      job_name: 'smoke-test',
      job_type: 'freestyle',
      parameters: { kv }
    }
    const task = await run(sim, {
      workflow_key: 'release-gate',
      inputs: [build(), DEPLOY, smoke]
    })
    expect(task.stages![2]!.jobs![0]!.spec?.envs).toEqual([
      expect.objectContaining({
        key: 'TARGET_URL',
        value: 'https://svc-a.qa.example.com'
      })
    ])
  })
})
