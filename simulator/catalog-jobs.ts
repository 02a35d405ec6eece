// Stored job definitions of the default catalog (shapes as in fixtures/workflow-detail.json).
import type { Param } from './wire.js'
import type { AutoDecide, SimJob } from './catalog.js'
import { DEFAULT_REGISTRY_ID } from './system.js'

/** DEPLOY_ENV (choice dev/qa) and RELEASE_NOTE (string). */
export function releaseParams(): Param[] {
  return [
    {
      name: 'DEPLOY_ENV',
      description: 'target environment',
      type: 'choice',
      value: 'dev',
      repo: null,
      choice_option: ['dev', 'qa'],
      default: 'dev',
      is_credential: false
    },
    {
      name: 'RELEASE_NOTE',
      description: '',
      type: 'string',
      value: 'nightly',
      repo: null,
      default: '',
      is_credential: false
    }
  ]
}

function svcARepo(): Record<string, unknown> {
  return {
    source: 'gitlab',
    repo_owner: 'demo-group',
    repo_namespace: 'demo-group',
    repo_name: 'svc-a',
    remote_name: 'origin',
    branch: 'main',
    hidden: false,
    is_primary: false,
    codehost_id: 1,
    oauth_token: '',
    address: '',
    source_from: '',
    param_name: '',
    job_name: '',
    service_name: '',
    service_module: '',
    repo_index: 0,
    submission_id: ''
  }
}

/** zadig-build `build` of svc-a/svc-a from gitlab demo-group/svc-a@main. */
export function buildJob(): SimJob {
  return {
    name: 'build',
    type: 'zadig-build',
    spec: {
      docker_registry_id: DEFAULT_REGISTRY_ID,
      service_and_builds: [
        {
          service_name: 'svc-a',
          service_module: 'svc-a',
          build_name: 'svc-a-build',
          image: '',
          image_name: 'svc-a',
          package: '',
          key_vals: [
            {
              key: 'BUILD_MODE',
              value: 'release',
              type: 'string',
              is_credential: false
            }
          ],
          repos: [svcARepo()],
          share_storage_info: null
        }
      ]
    },
    script: { durationSec: 180, outcome: 'passed' }
  }
}

/** zadig-deploy `deploy` to env dev, images from job `build`. */
export function deployJob(): SimJob {
  return {
    name: 'deploy',
    type: 'zadig-deploy',
    spec: {
      env: 'dev',
      production: false,
      deploy_type: 'k8s',
      skip_check_run_status: false,
      source: 'fromjob',
      deploy_contents: ['image'],
      job_name: 'build',
      origin_job_name: 'build',
      service_and_images: [],
      services: []
    },
    script: { durationSec: 60, outcome: 'passed' }
  }
}

/** freestyle `smoke-test`. */
export function smokeTestJob(): SimJob {
  return {
    name: 'smoke-test',
    type: 'freestyle',
    spec: {
      properties: {
        timeout: 60,
        envs: [
          {
            key: 'TARGET_URL',
            value: 'https://svc-a.dev.example.com',
            type: 'string',
            is_credential: false
          }
        ]
      },
      steps: [
        {
          name: 'shell',
          timeout: 0,
          type: 'shell',
          spec: { script: 'curl -fsS $TARGET_URL/healthz' }
        }
      ],
      outputs: []
    },
    script: { durationSec: 40, outcome: 'passed' }
  }
}

/** Approval job `approve` (Zadig v3.1+ model), approver alice; spec as docs/zadigx-api.md#approvals describes it. */
export function approvalJob(autoDecide?: AutoDecide): SimJob {
  return {
    name: 'approve',
    type: 'approval',
    spec: {
      timeout: 60,
      type: 'native',
      description: 'release gate',
      native_approval: {
        timeout: 0,
        approve_users: [
          { type: 'user', user_id: 'uid-alice', user_name: 'alice' }
        ],
        needed_approvers: 1,
        reject_or_approve: '',
        instance_code: ''
      },
      lark_approval: null,
      dingtalk_approval: null,
      workwx_approval: null,
      approval_message: '',
      approval_title: ''
    },
    script: { durationSec: 0, outcome: 'passed', autoDecide }
  }
}
