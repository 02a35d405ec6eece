// End-to-end: what differs between server versions, run against every simulator
// profile where it differs (docs/zadigx-api.md#versions).
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import {
  PROFILES,
  startSimulator,
  type Profile,
  type Simulator
} from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'
import { PRODUCT_INPUT } from '../helpers/product-input.js'

let sim: Simulator

const FAST = { 'poll-interval': '10ms', timeout: '1h' }

const act = (
  inputs: Record<string, string>,
  token = sim.token
): Promise<BundleRun> =>
  runInProcess(sim, {
    url: sim.url,
    token,
    project: 'demo',
    ...FAST,
    ...inputs
  })

const triggerBodies = () =>
  sim.requests
    .filter(
      r => r.method === 'POST' && r.path === '/openapi/workflows/custom/task'
    )
    .map(r => r.body as { inputs: { job_name: string; job_type: string }[] })

const each = (pick: (p: Profile) => boolean) =>
  describe.each(PROFILES.filter(pick).map(p => [p.name, p] as const))

async function start(profile: Profile): Promise<void> {
  sim = await startSimulator({
    version: profile.name,
    advancePerTaskPollMs: 30_000
  })
}

afterEach(async () => {
  await sim?.close()
})

each(p => p.detailPanicsWithoutApproval)(
  'a stage stored without approval on %s',
  (_name, profile) => {
    beforeEach(() => start(profile))

    it('is triggered from the UI definition where the OpenAPI detail crashes', async () => {
      for (const stage of sim.workflow('build-deploy').stages)
        stage.approvalMissing = true
      const run = await act({ workflow: 'build-deploy' })
      expect(run.exitCode).toBe(0)
      expect(run.outputs.result).toBe('success')
      const detail = sim.requests.filter(r => r.path.endsWith('/detail'))
      expect(detail.map(r => r.status)).toEqual([500])
      expect(
        sim.requests.filter(
          r => r.path === '/api/aslan/workflow/v4/name/build-deploy'
        )
      ).toHaveLength(1)
      expect(triggerBodies()[0]?.inputs.map(i => i.job_name)).toEqual([
        'build',
        'deploy'
      ])
    })
  }
)

each(p => !p.stageApproval && !p.jobTypes.includes('approval'))(
  'an approval job on %s',
  (_name, profile) => {
    beforeEach(() => start(profile))

    it('is left out with a warning, and the task runs without its gate', async () => {
      const run = await act({ workflow: 'release-gate-v3' })
      expect(run.exitCode).toBe(0)
      expect(run.outputs.result).toBe('success')
      expect(visibleLog(run.stdout)).toContain(
        'refuses a trigger that lists an approval job, so approve is left out: the approval gate will not run for this task'
      )
      const types = triggerBodies()[0]?.inputs.map(i => i.job_type)
      expect(types).not.toContain('approval')
    })
  }
)

each(p => p.jobTypes.includes('approval'))(
  'an approval job on %s',
  (_name, profile) => {
    beforeEach(() => start(profile))

    it('is listed, so its gate runs and is waited for', async () => {
      const run = await act({ workflow: 'release-gate-v3' })
      expect(run.exitCode).toBe(0)
      expect(triggerBodies()[0]?.inputs.map(i => i.job_type)).toContain(
        'approval'
      )
      expect(visibleLog(run.stdout)).toMatch(/alice/)
    })
  }
)

each(p => p.executePolicy)('a task that ends skipped on %s', (_n, profile) => {
  beforeEach(() => start(profile))

  it('ends the wait at once with result skipped, and passes', async () => {
    for (const stage of sim.workflow('build-deploy').stages)
      for (const job of stage.jobs)
        job.script = { durationSec: 30, outcome: 'skipped' }
    const run = await act({ workflow: 'build-deploy' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'skipped', status: 'skipped' })
    expect(run.summary).toContain('skipped every job')
  })
})

each(p => p.productOpenApi)('product workflows on %s', (_name, profile) => {
  beforeEach(() => start(profile))

  it('a project member (not an admin) cancels a product task', async () => {
    sim.productWorkflow('legacy-deploy').build = {
      durationSec: 86_400,
      outcome: 'passed'
    }
    const product = { 'workflow-type': 'product', workflow: 'legacy-deploy' }
    const started = await act({
      ...product,
      inputs: PRODUCT_INPUT,
      wait: 'false'
    })
    const taskId = started.outputs['task-id'] as string
    const run = await act(
      { ...product, operation: 'cancel', 'task-id': taskId },
      sim.tokens.bob
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('cancelled')
    const cancel = sim.requests.find(r => r.path.endsWith('/cancel'))
    expect(cancel?.query).toEqual({ projectName: 'demo' })
  })
})

each(p => !p.productOpenApi)('product workflows on %s', (_name, profile) => {
  beforeEach(() => start(profile))

  it('say that the version removed them, before any write', async () => {
    const run = await act({
      'workflow-type': 'product',
      workflow: 'legacy-deploy',
      inputs: '{target_env: dev}'
    })
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toContain('Zadig v3.4.1 removed them')
    expect(sim.requests.filter(r => r.method !== 'GET')).toEqual([])
  })
})

describe('a registry stored with a trailing slash and no namespace', () => {
  it('is sent as the server compares it, and the build runs', async () => {
    sim = await startSimulator({
      advancePerTaskPollMs: 30_000,
      registries: [
        {
          registry_id: '64b8d2f0c1a2b3c4d5e6f701',
          address: 'https://harbor.example.com/',
          provider: 'harbor',
          region: '',
          namespace: '',
          is_default: true
        }
      ]
    })
    const run = await act({ workflow: 'build-deploy' })
    expect(run.exitCode).toBe(0)
    const build = triggerBodies()[0]?.inputs[0] as unknown as {
      parameters: { registry: string }
    }
    expect(build.parameters.registry).toBe('https://harbor.example.com//')
  })
})

describe('a freestyle job with repositories', () => {
  it('lists them in repo_info, so servers that keep only listed repos still check them out', async () => {
    sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    const smoke = sim
      .workflow('release-gate')
      .stages.flatMap(s => s.jobs)
      .find(j => j.type === 'freestyle')!
    const steps = smoke.spec['steps'] as unknown[]
    steps.unshift({
      name: 'git',
      type: 'git',
      spec: {
        repos: [
          {
            codehost_id: 1,
            repo_owner: 'demo-group',
            repo_namespace: 'demo-group',
            repo_name: 'svc-a',
            branch: 'main',
            source: 'gitlab'
          }
        ]
      }
    })
    const run = await act({ workflow: 'release-gate' })
    expect(run.exitCode).toBe(0)
    const input = triggerBodies()[0]?.inputs.find(
      i => i.job_name === smoke.name
    ) as unknown as { parameters: { repo_info: unknown[] } }
    expect(input.parameters.repo_info).toEqual([
      expect.objectContaining({
        codehost_name: 'gitlab-main',
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        branch: 'main'
      })
    ])
  })
})
