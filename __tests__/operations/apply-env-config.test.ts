// Which services an environment-config update restarts (docs/zadigx-api.md#env-configs).
import { restartedBy } from '../../src/operations/apply-env-config.js'
import type { EnvDetail } from '../../src/zadig/env-types.js'

const env = (type?: string): EnvDetail => ({
  project_key: 'demo',
  env_key: 'dev',
  services: [
    { service_name: 'svc-a', type },
    { service_name: 'svc-b', type }
  ]
})
const object = (type: 'ConfigMap' | 'Secret' | 'Ingress' | 'PVC') => ({
  kind: type,
  type,
  name: 'x'
})

describe('restartedBy', () => {
  it('names the users of a ConfigMap or Secret that the environment holds', () => {
    const users = ['svc-b', 'gone', 'svc-b']
    expect(restartedBy(object('ConfigMap'), users, env('k8s'))).toEqual([
      'svc-b'
    ])
    expect(restartedBy(object('Secret'), users, env('k8s'))).toEqual(['svc-b'])
  })

  it('names none for an Ingress, a PVC, or a ConfigMap of a Helm project', () => {
    const users = ['svc-a']
    expect(restartedBy(object('Ingress'), users, env('k8s'))).toEqual([])
    expect(restartedBy(object('PVC'), users, env('k8s'))).toEqual([])
    expect(restartedBy(object('ConfigMap'), users, env('helm'))).toEqual([])
    expect(restartedBy(object('Secret'), users, env('helm'))).toEqual(['svc-a'])
  })
})
