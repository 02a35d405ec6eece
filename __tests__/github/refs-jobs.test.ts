// applyGitHubRef on test, scanning and freestyle jobs, in the v1.18 and HEAD
// spec shapes (repos in git steps vs spec.repos, envs vs properties.envs).
import type { GitHubRun } from '../../src/github/context.js'
import { applyGitHubRef } from '../../src/github/refs.js'
import type { CodeHostInfo } from '../../src/github/refs.js'
import type {
  JobInput,
  TriggerRequest,
  WorkflowDetail,
  WorkflowJob
} from '../../src/zadig/types.js'

type Obj = Record<string, unknown>

const HOSTS: CodeHostInfo[] = [{ id: 2, alias: 'gh', type: 'github' }]
const SHA = '5e2a9c1b7d3f4a6e8b0c2d4f6a8b0c1d3e5f7a9b'

const svcA = (): Obj => ({
  source: 'github',
  repo_owner: 'demo-group',
  repo_namespace: 'demo-group',
  repo_name: 'svc-a',
  remote_name: 'origin',
  branch: 'main',
  codehost_id: 2,
  source_from: ''
})
const fixtures = (): Obj => ({
  ...svcA(),
  repo_name: 'api-fixtures',
  branch: 'stable',
  checkout_path: 'fixtures'
})
const fromParam = (): Obj => ({ ...svcA(), source_from: 'param' })

const jobs: WorkflowJob[] = [
  {
    name: 'api-test',
    type: 'zadig-test',
    spec: {
      test_modules: [
        {
          name: 'svc-a-api',
          key_vals: [{ key: 'GIT_TAG', value: '' }],
          repos: [svcA(), fixtures()]
        }
      ]
    }
  },
  {
    name: 'service-test',
    type: 'zadig-test',
    spec: {
      test_type: 'service_test',
      service_and_tests: [
        { service_name: 'svc-a', service_module: 'svc-a', repos: [svcA()] }
      ]
    }
  },
  {
    name: 'scan',
    type: 'zadig-scanning',
    spec: { scannings: [{ name: 'svc-a-sonar', repos: [svcA()] }] }
  },
  {
    name: 'unit',
    type: 'freestyle',
    spec: {
      properties: { envs: [{ key: 'RELEASE_TAG', value: '' }] },
      steps: [
        { name: 'git', type: 'git', spec: { repos: [svcA()] } },
        { name: 'shell', type: 'shell', spec: { script: 'make test' } }
      ]
    }
  },
  {
    name: 'lint',
    type: 'freestyle',
    spec: { repos: [svcA(), fixtures()], envs: [] }
  },
  {
    name: 'svc-check',
    type: 'freestyle',
    spec: {
      freestyle_type: 'service_freestyle',
      repos: [svcA()],
      envs: [{ key: 'TAG', value: '' }]
    }
  },
  {
    name: 'param-only',
    type: 'freestyle',
    spec: { repos: [fromParam()], envs: [] }
  }
]

const detail: WorkflowDetail = {
  workflow_key: 'quality',
  workflow_name: 'Quality',
  project_key: 'demo',
  stages: [{ name: 'check', jobs }]
}

const entry = (extra: Obj): Obj => ({ repo_info: [], inputs: [], ...extra })
const svc = { service_name: 'svc-a', service_module: 'svc-a' }

const request = (): TriggerRequest => ({
  project_key: 'demo',
  workflow_key: 'quality',
  inputs: [
    [
      'api-test',
      'zadig-test',
      { testing_list: [entry({ testing_name: 'svc-a-api' })] }
    ],
    ['service-test', 'zadig-test', { service_list: [entry(svc)] }],
    [
      'scan',
      'zadig-scanning',
      { scanning_list: [{ scanning_name: 'svc-a-sonar', repo_info: [] }] }
    ],
    ['unit', 'freestyle', { kv: [], repo_info: [] }],
    ['lint', 'freestyle', { kv: [], repo_info: [] }],
    [
      'svc-check',
      'freestyle',
      { kv: [], repo_info: [], services: [entry(svc)] }
    ],
    ['param-only', 'freestyle', { kv: [], repo_info: [] }]
  ].map(([job_name, job_type, parameters]): JobInput => ({
    job_name: job_name as string,
    job_type: job_type as string,
    parameters: parameters as Obj
  }))
})

const tagRun: GitHubRun = {
  event: 'push',
  owner: 'demo-group',
  repo: 'svc-a',
  sha: SHA,
  ref: 'refs/tags/v1.2.0',
  tag: 'v1.2.0',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  runUrl: 'https://github.com/demo-group/svc-a/actions/runs/1'
}

const pinned = {
  codehost_name: 'gh',
  repo_namespace: 'demo-group',
  repo_name: 'svc-a',
  remote_name: 'origin',
  // No base_ref in the event: the configured branch is what old servers build.
  branch: 'main',
  pr: 0,
  prs: [],
  enable_commit: true,
  commit_id: SHA
}
const fixturesAsConfigured = {
  codehost_name: 'gh',
  repo_namespace: 'demo-group',
  repo_name: 'api-fixtures',
  remote_name: 'origin',
  checkout_path: 'fixtures',
  branch: 'stable',
  pr: 0,
  prs: []
}

describe('applyGitHubRef on test, scanning and freestyle jobs', () => {
  const { request: out, notes } = applyGitHubRef(
    request(),
    detail,
    tagRun,
    undefined,
    HOSTS
  )
  const params = (name: string): Obj =>
    out.inputs.find(i => i.job_name === name)?.parameters ?? {}
  const first = (name: string, key: string): Obj =>
    (params(name)[key] as Obj[])[0] as Obj

  it('lists the other repos of a test as configured, and sets GIT_TAG', () => {
    expect(first('api-test', 'testing_list')).toEqual({
      testing_name: 'svc-a-api',
      repo_info: [pinned, fixturesAsConfigured],
      inputs: [{ key: 'GIT_TAG', value: 'v1.2.0' }]
    })
  })

  it('fills service tests and scans', () => {
    expect(first('service-test', 'service_list')['repo_info']).toEqual([pinned])
    expect(first('scan', 'scanning_list')['repo_info']).toEqual([pinned])
  })

  it('reads v1.18 freestyle git steps and properties.envs', () => {
    expect(params('unit')).toEqual({
      kv: [{ key: 'RELEASE_TAG', value: 'v1.2.0' }],
      repo_info: [pinned]
    })
  })

  it('reads HEAD freestyle repos, listing all of them', () => {
    expect(params('lint')['repo_info']).toEqual([pinned, fixturesAsConfigured])
  })

  it('fills each service of a HEAD service freestyle job', () => {
    expect(first('svc-check', 'services')).toEqual({
      ...svc,
      repo_info: [pinned],
      inputs: [{ key: 'TAG', value: 'v1.2.0' }]
    })
    expect(params('svc-check')['repo_info']).toEqual([])
  })

  it('leaves repos that come from a workflow variable alone', () => {
    expect(params('param-only')).toEqual({ kv: [], repo_info: [] })
  })

  it('explains each change', () => {
    expect(notes).toContain('job "unit": variable RELEASE_TAG = "v1.2.0"')
    expect(notes).toContain(
      'job "lint": declares none of TAG, RELEASE_TAG, GIT_TAG; servers before Zadig v4.1 build the branch above, not tag v1.2.0'
    )
    expect(notes.filter(n => n.includes('enable_commit true'))).toHaveLength(6)
  })

  it('falls back to the tag branch GitHub gives, and to no pin without a sha', () => {
    const run = { ...tagRun, sha: '', tagBranch: 'release/1.x' }
    const { request: r, notes: n } = applyGitHubRef(
      request(),
      detail,
      run,
      undefined,
      HOSTS
    )
    const scan = (r.inputs[2]?.parameters['scanning_list'] as Obj[])[0]
    const unpinned: Record<string, unknown> = { ...pinned }
    delete unpinned['enable_commit']
    delete unpinned['commit_id']
    expect(scan?.['repo_info']).toEqual([
      { ...unpinned, branch: 'release/1.x' }
    ])
    expect(n.join('\n')).toContain('no commit known to pin')
  })
})

describe('an empty stored repo_namespace on a freestyle job', () => {
  it('sends repo_owner and says where ZadigX compares the empty value instead', () => {
    const unit = structuredClone(detail)
    const steps = unit.stages![0]!.jobs!.find(j => j.name === 'unit')!.spec![
      'steps'
    ] as Obj[]
    const repo = ((steps[0]!['spec'] as Obj)['repos'] as Obj[])[0]!
    repo['repo_namespace'] = ''
    const { request: r, notes: n } = applyGitHubRef(
      request(),
      unit,
      tagRun,
      undefined,
      HOSTS
    )
    const sent = r.inputs.find(i => i.job_name === 'unit')?.parameters
    expect((sent?.['repo_info'] as Obj[])[0]).toMatchObject({
      repo_namespace: 'demo-group',
      repo_name: 'svc-a'
    })
    expect(n).toContain(
      'job "unit": repo demo-group/svc-a: the stored repo_namespace is empty: sent repo_namespace "demo-group" (its repo_owner), which ZadigX fills in before it compares; ZadigX v1.7 .. Zadig v3.3 compare the empty value for freestyle jobs and keep the configured ref there'
    )
  })
})
