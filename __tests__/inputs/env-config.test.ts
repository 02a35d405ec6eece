// The definition of apply-env-config: one object of a kind ZadigX manages, with a
// name; every problem is reported before any request, naming `definition`.
import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'
import { scrub } from '../../src/secrets.js'

isolateInputEnv()

const base = { operation: 'apply-env-config', project: 'demo', env: 'dev' }
const CONFIG_MAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  A: b\n'

describe('definition of apply-env-config', () => {
  it('takes one object of each managed kind as written', async () => {
    for (const kind of [
      'ConfigMap',
      'Secret',
      'Ingress',
      'PersistentVolumeClaim'
    ]) {
      const definition = CONFIG_MAP.replace('ConfigMap', kind)
      expect((await read({ ...base, definition })).inputs.definition).toBe(
        definition
      )
    }
  })

  it.each([
    [
      'a Deployment',
      CONFIG_MAP.replace('ConfigMap', 'Deployment'),
      'got kind "Deployment"'
    ],
    ['no kind', 'metadata:\n  name: x\n', 'got no kind'],
    [
      'an empty name',
      CONFIG_MAP.replace('app-config', '""'),
      'got metadata.name the text ""'
    ],
    ['a list', '- a\n- b\n', 'got a list'],
    [
      'two documents',
      `${CONFIG_MAP}---\n${CONFIG_MAP}`,
      'got several YAML documents'
    ]
  ])('refuses %s, naming the input', async (_what, definition, why) => {
    const [problem] = await problemsOf({ ...base, definition })
    expect(problem).toContain(
      'definition: expected one Kubernetes object (ConfigMap, Secret, Ingress, PersistentVolumeClaim) with metadata.name'
    )
    expect(problem).toContain(why)
  })

  it('names both faults of an object at once', async () => {
    const [problem] = await problemsOf({
      ...base,
      definition: 'kind: Pod\nmetadata: {}\n'
    })
    expect(problem).toContain('got kind "Pod" and metadata.name nothing')
  })

  it('registers the values of a Secret, raw and decoded, as secrets', async () => {
    const encoded = Buffer.from('decoded-password-1').toString('base64')
    const definition = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: ${encoded}\nstringData:\n  b: plain-password-2\n`
    await read({ ...base, definition })
    expect(scrub(`${encoded} decoded-password-1 plain-password-2`)).toBe(
      '*** *** ***'
    )
  })
})
