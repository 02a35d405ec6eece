// Trigger semantics on a 'current' (Zadig HEAD) server (reference 3.5).
import type { Simulator } from '../../simulator/index.js'
import { startSimulator } from '../../simulator/index.js'
import { fixture } from '../helpers/fixtures.js'
import { build, DEPLOY, internal, post, run } from '../helpers/sim-http.js'

describe('trigger on a current server', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('wraps input errors with the job and the cause', async () => {
    const r = await post(sim, {
      workflow_key: 'build-deploy',
      inputs: [build({ registry: 'x' }), DEPLOY]
    })
    expect(r.json).toEqual(fixture('error-500-registry-not-found.json'))
    const repo_info = [
      { codehost_name: 'nope', repo_namespace: 'a', repo_name: 'b' }
    ]
    const service_list = [
      { service_name: 'svc-a', service_module: 'svc-a', repo_info }
    ]
    const alias = await post(sim, {
      workflow_key: 'build-deploy',
      inputs: [build({ service_list }), DEPLOY]
    })
    expect(alias.json).toEqual(
      internal(
        'failed to update jobspec for job: build, err: failed to find code host with name:nope'
      )
    )
  })

  it('validates and records parameters', async () => {
    const unknown = await post(sim, {
      workflow_key: 'build-deploy',
      parameters: [{ name: 'NOPE', value: 'x' }],
      inputs: []
    })
    expect(unknown.json).toEqual(internal('param NOPE not found in workflow'))
    const choice = await post(sim, {
      workflow_key: 'build-deploy',
      parameters: [{ name: 'DEPLOY_ENV', type: 'choice', value: 'prod' }],
      inputs: []
    })
    expect(choice.json).toEqual(
      internal('invalid choice value prod for param DEPLOY_ENV')
    )
    const task = await run(sim, {
      parameters: [
        { name: 'DEPLOY_ENV', type: 'choice', value: 'qa' },
        { name: 'RELEASE_NOTE', type: 'string', value: 'hotfix' }
      ],
      inputs: [build(), DEPLOY]
    })
    expect(task.params?.map(p => p.value)).toEqual(['qa', 'hotfix'])
  })

  it('refuses to skip a force_run job', async () => {
    sim.workflow('release-gate-v3').stages[3]!.jobs[0]!.runPolicy = 'force_run'
    const r = await post(sim, {
      workflow_key: 'release-gate-v3',
      inputs: [build(), DEPLOY]
    })
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({
      code: 6160,
      description:
        'job smoke-test skipped, but the run policy is set to force run'
    })
  })

  it('skips unlisted jobs and drops stages left without job tasks', async () => {
    const task = await run(sim, {
      workflow_key: 'release-gate-v3',
      inputs: [build(), DEPLOY]
    })
    expect(task.status).toBe('passed')
    expect(task.stages!.map(s => s.jobs!.map(j => j.name))).toEqual([
      ['job-0-0-0-build'],
      ['job-1-0-0-deploy']
    ])
  })
})
