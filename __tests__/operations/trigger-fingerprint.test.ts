// What a trigger sent, compared with what a task shows (the recovery's evidence).
import {
  compareWithSent,
  fingerprintOf
} from '../../src/operations/trigger-fingerprint.js'
import type { TaskDetail, TriggerRequest } from '../../src/zadig/types.js'

const request = (mode: string, branch = 'main'): TriggerRequest => ({
  project_key: 'demo',
  workflow_key: 'build-deploy',
  inputs: [
    {
      job_name: 'build',
      job_type: 'zadig-build',
      parameters: {
        service_list: [
          {
            service_name: 'svc-a',
            service_module: 'svc-a',
            inputs: [{ key: 'MODE', value: mode }],
            repo_info: [
              {
                codehost_name: 'gh',
                repo_namespace: 'acme',
                repo_name: 'svc-a',
                branch
              }
            ]
          }
        ]
      }
    },
    {
      job_name: 'deploy',
      job_type: 'zadig-deploy',
      parameters: { env_name: 'dev' }
    }
  ],
  parameters: [{ name: 'DEPLOY_ENV', type: 'choice', value: 'qa' }]
})

// A task detail as ZadigX shows one: a build job task's preview spec with `envs` and
// `repos`, a deploy's `env`, job names in `job_info.job_name`.
const task = (mode: string, env = 'dev', param = 'qa'): TaskDetail => ({
  task_id: 11,
  workflow_key: 'build-deploy',
  project_key: 'demo',
  params: [{ name: 'DEPLOY_ENV', type: 'choice', value: param }],
  stages: [
    {
      name: 'build',
      status: 'running',
      jobs: [
        {
          name: 'svc-a-svc-a-build',
          type: 'zadig-build',
          status: 'running',
          job_info: { job_name: 'build' },
          spec: {
            repos: [
              { repo_namespace: 'acme', repo_name: 'svc-a', branch: 'main' }
            ],
            service_name: 'svc-a',
            service_module: 'svc-a',
            envs: [
              { key: 'MODE', value: mode },
              { key: 'OTHER', value: 'stored' }
            ]
          }
        }
      ]
    },
    {
      name: 'deploy',
      status: '',
      jobs: [
        {
          name: 'svc-a-deploy',
          type: 'zadig-deploy',
          status: '',
          job_info: { job_name: 'deploy' },
          spec: { env }
        }
      ]
    }
  ]
})

describe('compareWithSent', () => {
  it('knows its own task, whatever else the task shows', () => {
    expect(
      compareWithSent(fingerprintOf(request('alpha')), task('alpha'))
    ).toBe('same')
  })

  it('tells apart a task that ran with another value, wherever it differs', () => {
    const sent = fingerprintOf(request('alpha'))
    expect(compareWithSent(sent, task('beta'))).toBe('differs')
    expect(compareWithSent(sent, task('alpha', 'prod'))).toBe('differs')
    expect(compareWithSent(sent, task('alpha', 'dev', 'dev'))).toBe('differs')
    const branch = fingerprintOf(request('alpha', 'feature'))
    expect(compareWithSent(branch, task('alpha'))).toBe('differs')
  })

  it('says when there is nothing to compare', () => {
    const bare: TaskDetail = {
      task_id: 11,
      workflow_key: 'w',
      project_key: 'p'
    }
    expect(compareWithSent(fingerprintOf(request('alpha')), bare)).toBe(
      'nothing-comparable'
    )
    expect(compareWithSent([], task('alpha'))).toBe('nothing-comparable')
  })

  it('survives a task detail of the wrong shapes', () => {
    const hostile = {
      task_id: 11,
      params: 'x',
      stages: [{ jobs: [null, 5, { job_info: 'x', spec: [[[[[[[[{}]]]]]]]] }] }]
    } as unknown as TaskDetail
    expect(compareWithSent(fingerprintOf(request('a')), hostile)).toBe(
      'nothing-comparable'
    )
  })

  it('keeps digests, never the values sent', () => {
    const sent = JSON.stringify(fingerprintOf(request('s3cr3t-value')))
    expect(sent).not.toContain('s3cr3t-value')
    expect(sent).toContain('kv:MODE')
  })
})
