import { buildTriggerRequest } from '../../src/operations/trigger-request.js'
import type {
  TriggerInputError,
  TriggerPlanOptions
} from '../../src/operations/trigger-request.js'
import type { WorkflowDetail, WorkflowJob } from '../../src/zadig/types.js'

const REGISTRY = 'https://harbor.example.com/library'

const detailWith = (...stages: WorkflowJob[][]): WorkflowDetail => ({
  workflow_key: 'wf',
  workflow_name: 'WF',
  project_key: 'demo',
  params: [],
  stages: stages.map((jobs, i) => ({ name: `stage-${i}`, jobs }))
})

const job = (
  name: string,
  type: string,
  spec: Record<string, unknown> = {},
  extra: Partial<WorkflowJob> = {}
): WorkflowJob => ({
  name,
  type,
  skipped: false,
  run_policy: '',
  spec,
  ...extra
})

const run = (
  detail: WorkflowDetail,
  overrides: Partial<TriggerPlanOptions> = {}
) =>
  buildTriggerRequest({
    projectKey: 'demo',
    detail,
    unlistedJobs: 'run',
    registryAddress: async () => REGISTRY,
    ...overrides
  })

const problemsOf = (
  detail: WorkflowDetail,
  overrides: Partial<TriggerPlanOptions> = {}
): Promise<string[]> =>
  run(detail, overrides).then(
    () => [],
    (e: unknown) => (e as TriggerInputError).problems
  )

const paramsOf = async (j: WorkflowJob) =>
  (await run(detailWith([j]))).request.inputs[0]?.parameters

const repo = { codehost_id: 1, repo_name: 'svc-a', branch: 'main' }

describe('default parameters per job type (v1.18 stored specs)', () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>]>([
    ['plugin', 'plugin', { plugin: { inputs: [] } }, { kv: [] }],
    [
      'custom-deploy',
      'custom-deploy',
      { targets: [{ target: 'Deployment/svc-a/svc-a', image: 'img:1' }] },
      {
        target_list: [
          {
            workload_type: 'Deployment',
            workload_name: 'svc-a',
            container_name: 'svc-a',
            image_name: 'img:1'
          }
        ]
      }
    ],
    ...(['k8s-blue-green-deploy', 'k8s-canary-deploy'].map(type => [
      type,
      type,
      { targets: [{ k8s_service_name: 'svc-a', image: 'img:1' }] },
      { service_list: [{ service_name: 'svc-a', image_name: 'img:1' }] }
    ]) as [string, string, Record<string, unknown>, Record<string, unknown>][]),
    ['bg-release', 'k8s-blue-green-release', {}, {}],
    ['canary-release', 'k8s-canary-release', {}, {}],
    [
      'api-test',
      'zadig-test',
      { test_modules: [{ name: 'svc-a-api-test', repos: [repo] }] },
      {
        testing_list: [
          { testing_name: 'svc-a-api-test', repo_info: [], inputs: [] }
        ]
      }
    ],
    [
      'scan',
      'zadig-scanning',
      { scannings: [{ name: 'svc-a-sonar', repos: [repo] }] },
      { scanning_list: [{ scanning_name: 'svc-a-sonar', repo_info: [] }] }
    ],
    [
      'gray',
      'k8s-gray-release',
      {
        targets: [
          {
            workload_type: 'Deployment',
            workload_name: 'svc-a',
            container_name: 'svc-a',
            image: 'img:1',
            replica: 1
          }
        ]
      },
      {
        target_list: [
          {
            workload_type: 'Deployment',
            workload_name: 'svc-a',
            container_name: 'svc-a',
            image_name: 'img:1'
          }
        ]
      }
    ],
    [
      'gray-rollback',
      'k8s-gray-rollback',
      { targets: [{ workload_type: 'Deployment', workload_name: 'svc-a' }] },
      {
        target_list: [{ workload_type: 'Deployment', workload_name: 'svc-a' }]
      }
    ],
    [
      'patch',
      'k8s-resource-patch',
      {
        patch_items: [
          {
            resource_name: 'svc-a',
            resource_kind: 'Deployment',
            resource_group: 'apps',
            resource_version: 'v1',
            params: [{ name: 'replicas', value: '2' }]
          }
        ]
      },
      {
        target_list: [
          {
            resource_name: 'svc-a',
            resource_kind: 'Deployment',
            resource_group: 'apps',
            resource_version: 'v1',
            inputs: []
          }
        ]
      }
    ]
  ])('%s (%s)', async (name, type, spec, expected) => {
    expect(await paramsOf(job(name, type, spec))).toEqual(expected)
  })

  it('copies the configured deploy images of a runtime deploy', async () => {
    const spec = {
      env: 'qa',
      source: 'runtime',
      service_and_images: [
        { service_name: 'svc-a', service_module: 'svc-a', image: 'img:1' }
      ]
    }
    expect(await paramsOf(job('deploy', 'zadig-deploy', spec))).toEqual({
      env_name: 'qa',
      service_list: [
        { service_name: 'svc-a', service_module: 'svc-a', image_name: 'img:1' }
      ]
    })
  })

  it('tolerates a job without a spec', async () => {
    expect(await paramsOf({ name: 'p', type: 'plugin' })).toEqual({ kv: [] })
  })
})

describe('HEAD-shaped workflows', () => {
  const head = detailWith(
    [
      job('build', 'zadig-build', {
        docker_registry_id: 'r1',
        service_and_builds: [],
        default_service_and_builds: [
          { service_name: 'svc-a', service_module: 'svc-a', repos: [repo] }
        ]
      })
    ],
    [
      job('deploy', 'zadig-deploy', {
        env: 'dev',
        source: 'runtime',
        service_and_images: [],
        services: [
          {
            service_name: 'svc-a',
            modules: [{ service_module: 'svc-a', image: 'img:2' }]
          }
        ]
      })
    ],
    [job('approve', 'approval', { type: 'native', timeout: 60 })],
    [
      job('smoke-test', 'freestyle', {
        freestyle_type: 'service_freestyle',
        source: 'runtime',
        default_services: [{ service_name: 'svc-a', service_module: 'svc-a' }]
      })
    ]
  )
  const svc = { service_name: 'svc-a', service_module: 'svc-a' }
  const entry = { ...svc, repo_info: [], inputs: [] }

  it('lists the approval job and reads the HEAD spec fields', async () => {
    const plan = await run(head)
    expect(plan.request.inputs).toEqual([
      {
        job_name: 'build',
        job_type: 'zadig-build',
        parameters: { registry: REGISTRY, service_list: [entry] }
      },
      {
        job_name: 'deploy',
        job_type: 'zadig-deploy',
        parameters: {
          env_name: 'dev',
          service_list: [{ ...svc, image_name: 'img:2' }]
        }
      },
      { job_name: 'approve', job_type: 'approval', parameters: {} },
      {
        job_name: 'smoke-test',
        job_type: 'freestyle',
        parameters: { kv: [], repo_info: [], services: [entry] }
      }
    ])
  })

  it('leaves an unlisted approval job out under unlisted skip', async () => {
    const plan = await run(head, {
      jobInputs: [{ job_name: 'deploy', parameters: {} }],
      unlistedJobs: 'skip'
    })
    expect(plan.jobs).toEqual([
      { name: 'deploy', type: 'zadig-deploy', source: 'user' }
    ])
  })

  it('selects services for service tests and scans', async () => {
    const plan = await run(
      detailWith([
        job('test', 'zadig-test', {
          test_type: 'service_test',
          source: 'runtime',
          service_and_tests: [{ ...svc, name: 't' }]
        }),
        job('scan', 'zadig-scanning', {
          scanning_type: 'service_scanning',
          source: 'runtime',
          scanning_options: [{ name: 'sonar' }],
          target_services: [svc]
        }),
        job('test-from', 'zadig-test', {
          test_type: 'service_test',
          source: 'fromjob',
          job_name: 'scan'
        })
      ])
    )
    expect(plan.request.inputs.map(i => i.parameters)).toEqual([
      { testing_list: [], service_list: [entry] },
      {
        scanning_list: [{ scanning_name: 'sonar', repo_info: [] }],
        service_list: [entry]
      },
      { testing_list: [] }
    ])
  })
})

describe('run policies and job types', () => {
  it('leaves out skipped and default_not_run jobs, keeps force_run', async () => {
    const plan = await run(
      detailWith([
        job('a', 'plugin', {}, { skipped: true }),
        job('b', 'plugin', {}, { run_policy: 'default_not_run' }),
        job('c', 'plugin', {}, { skipped: true, run_policy: 'force_run' })
      ])
    )
    expect(plan.jobs.map(j => j.name)).toEqual(['c'])
  })

  it('warns about a listed default_not_run job and an unlisted force_run job', async () => {
    const plan = await run(
      detailWith([
        job('a', 'plugin', {}, { run_policy: 'default_not_run' }),
        job('b', 'plugin', {}, { run_policy: 'force_run' })
      ]),
      { jobInputs: [{ job_name: 'a', parameters: {} }], unlistedJobs: 'skip' }
    )
    expect(plan.jobs.map(j => j.name)).toEqual(['a'])
    expect(plan.warnings).toEqual([
      expect.stringContaining('"a" (plugin) has run policy default_not_run'),
      expect.stringContaining('"b" has run policy force_run but is not listed')
    ])
  })

  it('cannot start job types the OpenAPI does not know', async () => {
    const wf = detailWith([
      job('helm', 'zadig-helm-deploy'),
      job('p', 'plugin')
    ])
    expect(await problemsOf(wf)).toEqual([
      'inputs: job "helm" (zadig-helm-deploy) cannot be started through the ZadigX OpenAPI (the server fails the whole trigger with "undefined job type of type:zadig-helm-deploy"); set unlisted-jobs: skip and name the jobs to run in inputs'
    ])
    expect(
      await problemsOf(wf, {
        jobInputs: [{ job_name: 'helm', parameters: {} }],
        unlistedJobs: 'skip'
      })
    ).toEqual([expect.stringMatching(/"helm".*; remove it from inputs$/)])
    const plan = await run(wf, {
      jobInputs: [{ job_name: 'p', parameters: {} }],
      unlistedJobs: 'skip'
    })
    expect(plan.jobs.map(j => j.name)).toEqual(['p'])
  })

  it('runs jobs without safe defaults only when the user lists them', async () => {
    const wf = detailWith([job('sql', 'sql', { source: 'runtime' })])
    expect(await problemsOf(wf)).toEqual([
      expect.stringContaining('"sql" (sql) has no default parameters')
    ])
    const parameters = { database_name: 'orders-db', sql: 'SELECT 1' }
    const plan = await run(wf, {
      jobInputs: [{ job_name: 'sql', parameters }]
    })
    expect(plan.request.inputs).toEqual([
      { job_name: 'sql', job_type: 'sql', parameters }
    ])
  })

  it('follows origin_job_name for a fromjob test', async () => {
    const wf = detailWith([
      job('b2', 'plugin'),
      job('t', 'zadig-test', {
        source: 'fromjob',
        job_name: 'b1',
        origin_job_name: 'b2'
      })
    ])
    expect((await run(wf)).jobs.map(j => j.name)).toEqual(['b2', 't'])
    expect(
      await problemsOf(wf, {
        jobInputs: [{ job_name: 't', parameters: {} }],
        unlistedJobs: 'skip'
      })
    ).toEqual([expect.stringContaining('from job "b2"')])
  })
})
