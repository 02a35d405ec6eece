// When a look at an environment ends a rollout: busy waits, failures end it, and
// pods decide where the server shows them.
import {
  judgeDeletion,
  judgeRollout,
  type RolloutLook
} from '../../src/follow/rollout-rule.js'
import type { EnvDetail, LivePod } from '../../src/zadig/env-types.js'

const env = (status: string, svc = 'Running'): EnvDetail => ({
  project_key: 'demo',
  env_key: 'dev',
  status,
  services: [{ service_name: 'a', status: svc }]
})
const pod = (
  name: string,
  image: string,
  ready: boolean,
  reason = ''
): LivePod => ({
  name,
  pod_ready: ready,
  containers: [{ name: 'a', image, reason, message: reason ? 'why' : '' }]
})
const look = (detail: EnvDetail | null, pods?: LivePod[]): RolloutLook => ({
  env: detail,
  live: new Map(
    pods
      ? [
          [
            'a',
            {
              service_name: 'a',
              scales: [{ name: 'a', type: 'Deployment', pods }]
            }
          ]
        ]
      : []
  )
})

describe('judgeRollout', () => {
  it.each(['creating', 'UPDATING', 'deleting'])(
    'waits while the environment is %s',
    s => {
      expect(judgeRollout(look(env(s)), [{ service: 'a' }]).state).toBe(
        'waiting'
      )
    }
  )

  it.each(['failed', 'unknown'])('fails on an environment %s', s => {
    expect(judgeRollout(look(env(s)), [{ service: 'a' }])).toEqual({
      state: 'failed',
      reason: `the environment's status is ${s}`
    })
  })

  it('reads service statuses in either case', () => {
    expect(
      judgeRollout(look(env('success', 'running')), [{ service: 'a' }]).state
    ).toBe('done')
    expect(
      judgeRollout(look(env('success', 'Unstable')), [{ service: 'a' }]).state
    ).toBe('waiting')
  })

  it('waits while pods run the old image, even when the service reads Running', () => {
    const pods = [pod('p1', 'img:1', true), pod('p2', 'img:2', true)]
    expect(
      judgeRollout(look(env('success'), pods), [
        { service: 'a', image: 'img:2' }
      ])
    ).toEqual({
      state: 'waiting',
      reason: 'service a: 1 of 2 pods do not run img:2 yet'
    })
  })

  it('fails at once on a crash loop, naming pod, container and reason', () => {
    const pods = [pod('p1', 'img:2', false, 'CrashLoopBackOff')]
    expect(
      judgeRollout(look(env('success', 'Unstable'), pods), [{ service: 'a' }])
    ).toEqual({
      state: 'failed',
      reason: 'service a: pod p1 container a: CrashLoopBackOff (why)'
    })
  })

  it('waits for the replaced pods to go and for the wanted replicas', () => {
    const pods = [pod('old', 'img:1', true), pod('new', 'img:1', true)]
    expect(
      judgeRollout(look(env('success'), pods), [
        { service: 'a', replacedPods: ['old'] }
      ]).state
    ).toBe('waiting')
    expect(
      judgeRollout(look(env('success'), pods), [{ service: 'a', replicas: 3 }])
        .state
    ).toBe('waiting')
    expect(
      judgeRollout(look(env('success'), pods), [{ service: 'a', replicas: 2 }])
        .state
    ).toBe('done')
  })

  it('fails when the service is not in the environment', () => {
    expect(judgeRollout(look(env('success')), [{ service: 'b' }]).state).toBe(
      'failed'
    )
  })
})

describe('judgeDeletion', () => {
  it('is done once the environment is gone, fails when the delete did not finish', () => {
    expect(judgeDeletion(look(null)).state).toBe('done')
    expect(judgeDeletion(look(env('deleting'))).state).toBe('waiting')
    expect(judgeDeletion(look(env('unknown'))).state).toBe('failed')
  })
})
