// What the trigger's input updaters do to each job type's stored spec (source-audit S3,
// row 5; notes/api-jobs-statuses.md), per profile where it changed.
import type { SimJob, SimWorkflow } from '../../simulator/index.js'
import { DEFAULT_PROJECT, PROFILES } from '../../simulator/index.js'
import { since, withSim } from '../helpers/profiles.js'
import { build, DEPLOY, post, run } from '../helpers/sim-http.js'

type Obj = Record<string, unknown>

function oneJob(type: string, spec: Obj): SimWorkflow[] {
  const job: SimJob = {
    name: 'job',
    type,
    spec,
    script: { durationSec: 1, outcome: 'passed' }
  }
  return [
    {
      key: 'one',
      name: 'One',
      project: DEFAULT_PROJECT.key,
      params: [],
      queueSec: 0,
      stages: [{ name: 'only', jobs: [job] }],
      history: []
    }
  ]
}

// The spec of the job task after triggering `one` with `parameters`.
async function specAfter(
  profile: (typeof PROFILES)[number],
  type: string,
  stored: Obj,
  parameters: Obj
): Promise<Obj> {
  const task = await withSim(
    profile,
    sim =>
      run(sim, {
        workflow_key: 'one',
        inputs: [{ job_name: 'job', job_type: type, parameters }]
      }),
    { workflows: oneJob(type, stored) }
  )
  return task.stages[0]!.jobs[0]!.spec as Obj
}

const target = (name: string, image = '') => ({
  workload_type: 'Deployment',
  workload_name: name,
  container_name: name,
  image
})

describe.each(PROFILES.map(p => [p.name, p] as const))(
  'updaters on %s',
  (_n, profile) => {
    it('custom-deploy: replaces every target with the listed ones', async () => {
      const spec = await specAfter(
        profile,
        'custom-deploy',
        { targets: [{ target: 'Deployment/old/old' }] },
        {
          target_list: [{ ...target('a'), image_name: 'a:2' }]
        }
      )
      expect(spec.targets).toEqual([{ target: 'Deployment/a/a', image: 'a:2' }])
    })

    it('k8s-gray-release: keeps only named targets (none from v3.4.0: preset empties them)', async () => {
      const spec = await specAfter(
        profile,
        'k8s-gray-release',
        { targets: [target('a'), target('b')] },
        {
          target_list: [{ workload_name: 'a', image_name: 'a:2' }]
        }
      )
      expect(spec.targets).toEqual(
        since(profile, 'v3.4.0') ? [] : [target('a', 'a:2')]
      )
    })

    it('k8s-gray-rollback: keeps only named targets', async () => {
      const spec = await specAfter(
        profile,
        'k8s-gray-rollback',
        { targets: [target('a'), target('b')] },
        {
          target_list: [{ workload_name: 'b' }]
        }
      )
      expect(spec.targets).toEqual([target('b')])
    })

    it('k8s-resource-patch: keeps items equal on all four identifiers, sets their params', async () => {
      const item = (name: string) => ({
        resource_name: name,
        resource_kind: 'ConfigMap',
        resource_group: '',
        resource_version: 'v1',
        params: [{ name: 'replicas', value: '1' }]
      })
      const { params, ...ids } = item('a')
      void params
      const spec = await specAfter(
        profile,
        'k8s-resource-patch',
        { patch_items: [item('a'), item('b')] },
        {
          target_list: [
            { ...ids, inputs: [{ key: 'replicas', value: '3' }] },
            { ...item('b'), resource_version: 'v2' }
          ]
        }
      )
      expect(spec.patch_items).toEqual([
        { ...item('a'), params: [{ name: 'replicas', value: '3' }] }
      ])
    })

    it('k8s-canary-deploy: sets images by k8s_service_name (no targets from v3.4.0)', async () => {
      const stored = {
        targets: [
          { k8s_service_name: 'a', image: 'a:1' },
          { k8s_service_name: 'b', image: 'b:1' }
        ]
      }
      const spec = await specAfter(profile, 'k8s-canary-deploy', stored, {
        service_list: [{ service_name: 'a', image_name: 'a:2' }]
      })
      expect(spec.targets).toEqual(
        since(profile, 'v3.4.0')
          ? []
          : [
              { k8s_service_name: 'a', image: 'a:2' },
              { k8s_service_name: 'b', image: 'b:1' }
            ]
      )
    })

    it('zadig-test: overrides the named module, keeps the others', async () => {
      const module = (name: string) => ({
        name,
        key_vals: [{ key: 'SUITE', value: 'all' }],
        repos: []
      })
      const spec = await specAfter(
        profile,
        'zadig-test',
        { test_modules: [module('unit'), module('e2e')] },
        {
          testing_list: [
            { testing_name: 'unit', inputs: [{ key: 'SUITE', value: 'smoke' }] }
          ]
        }
      )
      expect(spec.test_modules).toEqual([
        { ...module('unit'), key_vals: [{ key: 'SUITE', value: 'smoke' }] },
        module('e2e')
      ])
    })

    it('zadig-build: the registry is "<address>/<namespace>" verbatim (source-audit row 5)', async () => {
      const registries = [
        {
          registry_id: 'r1',
          address: 'https://harbor.example.com/',
          provider: 'harbor',
          region: '',
          namespace: '',
          is_default: true
        }
      ]
      await withSim(
        profile,
        async sim => {
          const trimmed = await post(sim, {
            workflow_key: 'build-deploy',
            inputs: [build({ registry: 'https://harbor.example.com' }), DEPLOY]
          })
          expect(trimmed.status).toBe(500)
          const verbatim = await post(sim, {
            workflow_key: 'build-deploy',
            inputs: [
              build({ registry: 'https://harbor.example.com//' }),
              DEPLOY
            ]
          })
          expect(verbatim.status).toBe(
            since(profile, 'v3.4.0') && !since(profile, 'v3.4.1') ? 400 : 200
          )
        },
        { registries }
      )
    })
  }
)
