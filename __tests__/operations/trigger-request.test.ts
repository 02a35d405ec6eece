import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  TriggerInputError,
  buildTriggerRequest
} from '../../src/operations/trigger-request.js'
import type {
  TriggerPlanOptions,
  UserJobInput
} from '../../src/operations/trigger-request.js'
import type {
  Registry,
  WorkflowDetail,
  WorkflowJob
} from '../../src/zadig/types.js'

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(
      new URL(`../fixtures/zadigx-api/${name}`, import.meta.url),
      'utf8'
    )
  ) as T

const REGISTRY_ID = '64b8d2f0c1a2b3c4d5e6f701'
const REGISTRY = 'https://harbor.example.com/library'

const detail = (): WorkflowDetail =>
  fixture<WorkflowDetail>('workflow-detail.json')

/** The callback the trigger operation passes: registry list -> "address/namespace". */
const registryLookup = () =>
  jest.fn(async (id: string): Promise<string | undefined> => {
    const found = fixture<Registry[]>('registry-list.json').find(
      r => r.registry_id === id
    )
    return found ? `${found.address}/${found.namespace}` : undefined
  })

const options = (
  overrides: Partial<TriggerPlanOptions> = {}
): TriggerPlanOptions => ({
  projectKey: 'demo',
  detail: detail(),
  unlistedJobs: 'run',
  registryAddress: registryLookup(),
  ...overrides
})

/** Runs the builder and returns the problems it threw. */
const problemsOf = async (opts: TriggerPlanOptions): Promise<string[]> => {
  const error = await buildTriggerRequest(opts).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TriggerInputError)
  return (error as TriggerInputError).problems
}

const withJobs = (...jobs: WorkflowJob[]): WorkflowDetail => ({
  ...detail(),
  stages: [{ name: 'only', jobs }]
})

const BUILD_DEFAULTS = {
  registry: REGISTRY,
  service_list: [
    {
      service_name: 'svc-a',
      service_module: 'svc-a',
      repo_info: [],
      inputs: []
    }
  ]
}
const DEPLOY_DEFAULTS = { env_name: 'dev', service_list: [] }
const SMOKE_DEFAULTS = { kv: [], repo_info: [] }

describe('buildTriggerRequest without inputs', () => {
  it('lists every configured job with its configured defaults', async () => {
    const registryAddress = registryLookup()
    const plan = await buildTriggerRequest(options({ registryAddress }))
    expect(plan.request).toEqual({
      project_key: 'demo',
      workflow_key: 'build-deploy',
      inputs: [
        {
          job_name: 'build',
          job_type: 'zadig-build',
          parameters: BUILD_DEFAULTS
        },
        {
          job_name: 'deploy',
          job_type: 'zadig-deploy',
          parameters: DEPLOY_DEFAULTS
        },
        {
          job_name: 'smoke-test',
          job_type: 'freestyle',
          parameters: SMOKE_DEFAULTS
        }
      ]
    })
    expect(plan.request).not.toHaveProperty('parameters')
    expect(registryAddress).toHaveBeenCalledTimes(1)
    expect(registryAddress).toHaveBeenCalledWith(REGISTRY_ID)
    expect(plan.warnings).toEqual([])
    expect(plan.jobs).toEqual([
      { name: 'build', type: 'zadig-build', source: 'defaults' },
      { name: 'deploy', type: 'zadig-deploy', source: 'defaults' },
      { name: 'smoke-test', type: 'freestyle', source: 'defaults' }
    ])
  })

  it('runs every job even when unlisted-jobs is skip', async () => {
    const plan = await buildTriggerRequest(options({ unlistedJobs: 'skip' }))
    expect(plan.request.inputs.map(i => i.job_name)).toEqual([
      'build',
      'deploy',
      'smoke-test'
    ])
  })
})

describe('buildTriggerRequest with partial inputs', () => {
  const serviceList = [
    {
      service_name: 'svc-a',
      service_module: 'svc-a',
      repo_info: [
        {
          codehost_name: 'gitlab-main',
          repo_namespace: 'demo-group',
          repo_name: 'svc-a',
          branch: 'release/1.2'
        }
      ],
      inputs: [{ key: 'BUILD_MODE', value: 'debug' }]
    }
  ]

  it('map form + unlisted run: user keys override, the rest keep defaults', async () => {
    // The map form `build: {service_list: [...]}` arrives without job_type.
    const jobInputs: UserJobInput[] = [
      { job_name: 'build', parameters: { service_list: serviceList } }
    ]
    const plan = await buildTriggerRequest(options({ jobInputs }))
    expect(plan.request.inputs).toEqual([
      {
        job_name: 'build',
        job_type: 'zadig-build',
        parameters: { registry: REGISTRY, service_list: serviceList }
      },
      {
        job_name: 'deploy',
        job_type: 'zadig-deploy',
        parameters: DEPLOY_DEFAULTS
      },
      {
        job_name: 'smoke-test',
        job_type: 'freestyle',
        parameters: SMOKE_DEFAULTS
      }
    ])
    expect(plan.jobs.map(j => j.source)).toEqual([
      'user',
      'defaults',
      'defaults'
    ])
  })

  it('list form + unlisted skip: only the named jobs are sent', async () => {
    const jobInputs: UserJobInput[] = [
      { job_name: 'build', job_type: 'zadig-build', parameters: {} },
      {
        job_name: 'deploy',
        job_type: 'zadig-deploy',
        parameters: { env_name: 'qa' }
      }
    ]
    const plan = await buildTriggerRequest(
      options({ jobInputs, unlistedJobs: 'skip' })
    )
    expect(plan.request.inputs).toEqual([
      {
        job_name: 'build',
        job_type: 'zadig-build',
        parameters: BUILD_DEFAULTS
      },
      {
        job_name: 'deploy',
        job_type: 'zadig-deploy',
        parameters: { env_name: 'qa', service_list: [] }
      }
    ])
    expect(plan.warnings).toEqual([])
  })

  it('merges user kv over the freestyle defaults key by key', async () => {
    const kv = [{ key: 'TARGET_URL', value: 'https://svc-a.qa.example.com' }]
    const registryAddress = registryLookup()
    const plan = await buildTriggerRequest(
      options({
        jobInputs: [{ job_name: 'smoke-test', parameters: { kv } }],
        unlistedJobs: 'skip',
        registryAddress
      })
    )
    expect(plan.request.inputs).toEqual([
      {
        job_name: 'smoke-test',
        job_type: 'freestyle',
        parameters: { kv, repo_info: [] }
      }
    ])
    expect(registryAddress).not.toHaveBeenCalled()
  })

  it('does not look up the registry when the user gave one', async () => {
    const registryAddress = registryLookup()
    const plan = await buildTriggerRequest(
      options({
        jobInputs: [
          { job_name: 'build', parameters: { registry: 'reg.local/team' } }
        ],
        registryAddress
      })
    )
    expect(registryAddress).not.toHaveBeenCalled()
    expect(plan.request.inputs[0]?.parameters).toEqual({
      ...BUILD_DEFAULTS,
      registry: 'reg.local/team'
    })
  })

  it('warns when the given job_type differs and sends the configured one', async () => {
    const plan = await buildTriggerRequest(
      options({
        jobInputs: [
          { job_name: 'smoke-test', job_type: 'plugin', parameters: {} }
        ]
      })
    )
    expect(plan.request.inputs[2]?.job_type).toBe('freestyle')
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /"smoke-test" is configured as freestyle, not plugin/
      )
    ])
  })

  it('warns about keys the job type does not read', async () => {
    const plan = await buildTriggerRequest(
      options({
        jobInputs: [{ job_name: 'deploy', parameters: { env: 'qa' } }]
      })
    )
    expect(plan.warnings).toEqual([
      expect.stringContaining(
        'parameter env is not read for zadig-deploy jobs (expected: env_name, service_list)'
      )
    ])
  })
})

describe('buildTriggerRequest problems', () => {
  it('names the valid jobs for an unknown job name', async () => {
    const problems = await problemsOf(
      options({ jobInputs: [{ job_name: 'biuld', parameters: {} }] })
    )
    expect(problems).toEqual([
      'inputs: job "biuld" is not in the workflow; expected one of: build, deploy, smoke-test'
    ])
  })

  it('refuses a job listed twice', async () => {
    const job = { job_name: 'build', parameters: {} }
    const problems = await problemsOf(options({ jobInputs: [job, job] }))
    expect(problems).toEqual([
      'inputs: expected each job once, got job "build" more than once'
    ])
  })

  it('refuses parameters of the wrong kind', async () => {
    const problems = await problemsOf(
      options({
        jobInputs: [
          { job_name: 'build', parameters: { service_list: 'svc-a' } },
          { job_name: 'deploy', parameters: { env_name: null } }
        ]
      })
    )
    expect(problems).toEqual([
      'inputs: job "build" parameter service_list: expected a list, got a string',
      'inputs: job "deploy" parameter env_name: expected a string, got null'
    ])
  })

  it('names the job and id when the registry cannot be resolved', async () => {
    const problems = await problemsOf(
      options({ registryAddress: async () => undefined })
    )
    expect(problems).toEqual([
      expect.stringMatching(
        /job "build" \(zadig-build\) uses image registry "64b8d2f0c1a2b3c4d5e6f701".*expected parameters\.registry/
      )
    ])
  })

  it('needs a registry when the build job stores none', async () => {
    const build = detail().stages?.[0]?.jobs?.[0] as WorkflowJob
    const spec = { ...build.spec, docker_registry_id: '' }
    const problems = await problemsOf(
      options({ detail: withJobs({ ...build, spec }) })
    )
    expect(problems).toEqual([
      expect.stringContaining('"build" (zadig-build) has no docker_registry_id')
    ])
  })

  it('warns when a defaulted build job has no services', async () => {
    const build = detail().stages?.[0]?.jobs?.[0] as WorkflowJob
    const spec = { ...build.spec, service_and_builds: [] }
    const plan = await buildTriggerRequest(
      options({ detail: withJobs({ ...build, spec }) })
    )
    expect(plan.warnings).toEqual([
      expect.stringContaining('"build" has no configured services')
    ])
  })

  it('requires the build job of a fromjob deploy under unlisted skip', async () => {
    const problems = await problemsOf(
      options({
        jobInputs: [{ job_name: 'deploy', parameters: {} }],
        unlistedJobs: 'skip'
      })
    )
    expect(problems).toEqual([
      expect.stringMatching(
        /job "deploy" takes its services from job "build" \(source: fromjob\).*add it to inputs.*6160/
      )
    ])
  })

  it('reports when no job would run', async () => {
    expect(
      await problemsOf(options({ jobInputs: [], unlistedJobs: 'skip' }))
    ).toEqual([
      'inputs: expected at least one job to run, got none; name jobs to run in inputs (configured: build, deploy, smoke-test)'
    ])
    expect(
      await problemsOf(options({ detail: { ...detail(), stages: null } }))
    ).toEqual([expect.stringContaining('(configured: (none))')])
  })

  it('collects every problem into one error', async () => {
    const error = (await buildTriggerRequest(
      options({
        jobInputs: [{ job_name: 'nope', parameters: {} }],
        parameters: { DEPLOY_ENV: 'prod', MISSING: 'x' },
        registryAddress: async () => undefined
      })
    ).catch((e: unknown) => e)) as TriggerInputError
    expect(error).toBeInstanceOf(TriggerInputError)
    expect(error.name).toBe('TriggerInputError')
    expect(error.problems).toHaveLength(4)
    for (const problem of error.problems)
      expect(error.message).toContain(problem)
    expect(error.problems).toEqual([
      expect.stringContaining('"nope" is not in the workflow'),
      expect.stringContaining('image registry "64b8d2f0c1a2b3c4d5e6f701"'),
      'parameters: DEPLOY_ENV expected one of: dev, qa; got "prod"',
      'parameters: "MISSING" is not a variable of workflow build-deploy; expected one of: DEPLOY_ENV, RELEASE_NOTE'
    ])
  })
})

describe('workflow parameters', () => {
  it('sends valid values with their configured types', async () => {
    const plan = await buildTriggerRequest(
      options({
        parameters: { DEPLOY_ENV: 'qa', RELEASE_NOTE: 'hotfix 1.2.1' }
      })
    )
    expect(plan.request.parameters).toEqual([
      { name: 'DEPLOY_ENV', type: 'choice', value: 'qa' },
      { name: 'RELEASE_NOTE', type: 'string', value: 'hotfix 1.2.1' }
    ])
  })

  it('omits the field for an empty mapping', async () => {
    const plan = await buildTriggerRequest(options({ parameters: {} }))
    expect(plan.request).not.toHaveProperty('parameters')
  })

  it('refuses repo variables and warns on types the server skips', async () => {
    const base = detail()
    const params = [
      { name: 'SRC', type: 'repo', value: '' },
      { name: 'CONF', type: 'file', value: '' }
    ]
    const problems = await problemsOf(
      options({
        detail: { ...base, params },
        parameters: { SRC: 'main', CONF: 'x' }
      })
    )
    expect(problems).toEqual([
      expect.stringContaining('parameters: SRC is a repository variable')
    ])
    const plan = await buildTriggerRequest(
      options({ detail: { ...base, params }, parameters: { CONF: 'x' } })
    )
    expect(plan.warnings).toEqual([
      expect.stringContaining('CONF has type file')
    ])
    expect(
      await problemsOf(
        options({ detail: { ...base, params: null }, parameters: { A: 'b' } })
      )
    ).toEqual([expect.stringContaining('expected one of: (none)')])
  })
})
