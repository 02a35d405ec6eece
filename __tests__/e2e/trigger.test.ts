// End-to-end: the bundled action against the ZadigX simulator over real HTTP.
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

let sim: Simulator

// Each task-detail poll moves simulated time on by 30 s, so a 10-minute task ends after
// about 20 polls of 10 ms each: nothing waits for real.
const FAST = { 'poll-interval': '10ms', timeout: '1h' }

let driver: Driver

async function trigger(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<BundleRun> {
  return driver(
    sim,
    { url: sim.url, token: sim.token, project: 'demo', ...FAST, ...inputs },
    env
  )
}

const triggers = (): { body: unknown }[] =>
  sim.requests.filter(
    r => r.method === 'POST' && r.path === '/openapi/workflows/custom/task'
  )

afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('trigger and wait, v1.7 server (%s)', (_name, run) => {
  beforeEach(async () => {
    sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    driver = run
  })

  it('passes with every job on its defaults when inputs are omitted', async () => {
    const run = await trigger({ workflow: 'build-deploy' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      result: 'success',
      status: 'passed',
      'task-id': expect.stringMatching(/^\d+$/)
    })
    expect(run.outputs['task-url']).toBe(
      `${sim.url}/v1/projects/detail/demo/pipelines/custom/build-deploy/${run.outputs['task-id']}?display_name=${encodeURIComponent(sim.workflow('build-deploy').name)}`
    )
    expect(Number(run.outputs.duration)).toBeGreaterThan(0)
    const stages = JSON.parse(run.outputs.stages ?? '[]') as {
      name: string
      status: string
      jobs: { status: string }[]
    }[]
    expect(stages.map(s => [s.name, s.status])).toEqual([
      ['build', 'passed'],
      ['deploy', 'passed']
    ])
    expect(triggers()).toHaveLength(1)
    expect(triggers()[0]?.body).toEqual({
      project_key: 'demo',
      workflow_key: 'build-deploy',
      inputs: [
        {
          job_name: 'build',
          job_type: 'zadig-build',
          parameters: {
            registry: 'https://harbor.example.com/library',
            service_list: [
              {
                service_name: 'svc-a',
                service_module: 'svc-a',
                repo_info: [],
                inputs: []
              }
            ]
          }
        },
        {
          job_name: 'deploy',
          job_type: 'zadig-deploy',
          parameters: { env_name: 'dev', service_list: [] }
        }
      ]
    })
    expect(run.summary).toContain('build-deploy')
    expect(run.summary).toContain('passed')
    expect(visibleLog(run.stdout)).not.toContain(sim.token)
    expect(JSON.stringify(run.outputs)).not.toContain(sim.token)
  })

  it('accepts map-form inputs and keeps the other jobs on defaults', async () => {
    const run = await trigger({
      workflow: 'build-deploy',
      inputs: [
        'build:',
        '  service_list:',
        '    - service_name: svc-a',
        '      service_module: svc-a',
        '      repo_info:',
        '        - {codehost_name: gitlab-main, repo_namespace: demo-group, repo_name: svc-a, branch: release/1.2}'
      ].join('\n')
    })
    expect(run.exitCode).toBe(0)
    const body = triggers()[0]?.body as {
      inputs: { job_name: string; parameters: Record<string, unknown> }[]
    }
    expect(body.inputs.map(i => i.job_name)).toEqual(['build', 'deploy'])
    expect(body.inputs[0]?.parameters).toMatchObject({
      registry: 'https://harbor.example.com/library',
      service_list: [{ repo_info: [{ branch: 'release/1.2' }] }]
    })
    const task = sim.tasks('build-deploy').at(-1)
    const repos = task?.stages?.[0]?.jobs?.[0]?.spec?.repos as {
      branch: string
    }[]
    expect(repos[0]?.branch).toBe('release/1.2')
  })

  it('accepts the API list form and can skip unlisted jobs', async () => {
    const run = await trigger({
      workflow: 'build-deploy',
      'unlisted-jobs': 'skip',
      inputs: JSON.stringify([
        {
          job_name: 'build',
          job_type: 'zadig-build',
          parameters: {
            registry: 'https://harbor.example.com/library',
            service_list: [{ service_name: 'svc-a', service_module: 'svc-a' }]
          }
        }
      ])
    })
    expect(run.exitCode).toBe(0)
    const body = triggers()[0]?.body as { inputs: { job_name: string }[] }
    expect(body.inputs.map(i => i.job_name)).toEqual(['build'])
    const stages = JSON.parse(run.outputs.stages ?? '[]') as { name: string }[]
    expect(stages.map(s => s.name)).toEqual(['build'])
  })

  it('fails with result failure when a job fails, and says which', async () => {
    const job = sim.workflow('build-deploy').stages[1]?.jobs[0]
    if (job)
      job.script = {
        durationSec: 40,
        outcome: 'failed',
        error: 'rollout of svc-a timed out'
      }
    const run = await trigger({ workflow: 'build-deploy' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'failure', status: 'failed' })
    expect(run.stdout).toContain('rollout of svc-a timed out')
    expect(run.stdout).toMatch(/::error::.*Task #\d+ ended with status failed/)
  })

  it('times out with result timeout and leaves outputs written', async () => {
    const job = sim.workflow('build-deploy').stages[0]?.jobs[0]
    if (job) job.script = { durationSec: 100_000, outcome: 'passed' }
    const run = await trigger({ workflow: 'build-deploy', timeout: '300ms' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'running' })
    expect(run.outputs['task-id']).toMatch(/^\d+$/)
    expect(run.stdout).toContain('did not end within the timeout')
  })

  it('waits through a stage approval that is approved while it waits', async () => {
    const run = await trigger({ workflow: 'release-gate' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    const said = run.stdout
      .split('\n')
      .filter(l => /approval/i.test(l) && /alice/.test(l))
    expect(said.length).toBeGreaterThanOrEqual(1)
    expect(run.stdout).toContain('release')
  })

  it('reports a rejected approval as result rejected', async () => {
    const stage = sim.workflow('release-gate').stages.find(s => s.approval)
    if (stage?.approval)
      stage.approval.autoDecide = {
        afterSec: 60,
        approve: false,
        user: 'alice'
      }
    const run = await trigger({ workflow: 'release-gate' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ result: 'rejected', status: 'reject' })
  })

  it('names the valid jobs when inputs names one the workflow lacks, before sending', async () => {
    const run = await trigger({ workflow: 'build-deploy', inputs: 'biuld: {}' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/biuld/)
    expect(run.stdout).toMatch(/build, deploy/)
    expect(triggers()).toHaveLength(0)
    expect(run.outputs.result).toBe('failure')
  })

  it('stops on malformed YAML before any request', async () => {
    const run = await trigger({
      workflow: 'build-deploy',
      inputs: 'build: [unclosed'
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/inputs/)
    expect(sim.requests).toHaveLength(0)
    expect(run.outputs.result).toBe('failure')
  })

  it('says the token was refused on a wrong token, without printing it', async () => {
    const wrong =
      'eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoibWFsbG9yeSJ9.wrong-signature'
    const run = await trigger({ workflow: 'build-deploy', token: wrong })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/401/)
    expect(run.stdout).toMatch(/token/i)
    expect(visibleLog(run.stdout)).not.toContain(wrong)
    expect(run.summary).not.toContain(wrong)
    expect(triggers()).toHaveLength(0)
  })

  it('reports an unknown workflow and lists the keys the project has', async () => {
    const run = await trigger({ workflow: 'no-such-workflow' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('failure')
    expect(run.stdout).toContain(
      'workflow: project demo has no custom workflow "no-such-workflow"'
    )
    expect(run.stdout).toContain('build-deploy (Build & Deploy)')
    expect(triggers()).toHaveLength(0)
  })

  it('refuses a display name that cannot be a key before any request', async () => {
    const run = await trigger({ workflow: 'Build & Deploy' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'workflow: expected a custom workflow key (letters, digits and -), got "Build & Deploy": use the key, not the display name'
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('names the key when the workflow input is a display name', async () => {
    sim.workflow('build-deploy').name = 'Deploy'
    const run = await trigger({ workflow: 'deploy' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'workflow: "deploy" is the display name of workflow build-deploy; the input takes the key: workflow: build-deploy'
    )
    expect(triggers()).toHaveLength(0)
  })

  it('suggests the likely key for a typo', async () => {
    const run = await trigger({ workflow: 'build-deplyo' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('did you mean build-deploy?')
    expect(triggers()).toHaveLength(0)
  })

  it('refuses a project that does not hold the workflow, which v1.7 would start anyway', async () => {
    const run = await trigger({ workflow: 'build-deploy', project: 'other' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'workflow: project other has no custom workflow "build-deploy", and no custom workflows at all'
    )
    expect(triggers()).toHaveLength(0)
  })
})

describe.each(DRIVERS)(
  'trigger and wait, current server (%s)',
  (_name, run) => {
    beforeEach(async () => {
      sim = await startSimulator({
        version: 'current',
        advancePerTaskPollMs: 30_000
      })
      driver = run
    })

    it('waits through an approval job that is approved while it waits', async () => {
      const run = await trigger({ workflow: 'release-gate-v3' })
      expect(run.exitCode).toBe(0)
      expect(run.outputs.result).toBe('success')
      const body = triggers()[0]?.body as {
        inputs: { job_name: string; job_type: string }[]
      }
      expect(body.inputs.map(i => i.job_type)).toContain('approval')
      expect(run.stdout).toMatch(/approval.*alice|alice.*approv/i)
    })
  }
)
