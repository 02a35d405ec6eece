// `registry` and its key inputs for create-registry: what the server would refuse is
// refused before any request, and the keys are never quoted back.
import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

const OP = { operation: 'create-registry' }
const KEYS = {
  'registry-access-key': 'AKID-access-4242',
  'registry-secret-key': 'very-secret-value-77'
}

describe('registry (create-registry)', () => {
  it('reads YAML into the fields the body is built from, namespace trimmed', async () => {
    const { inputs } = await read({
      ...OP,
      ...KEYS,
      registry: `address: https://harbor.example.com
provider: Harbor
namespace: " team-a "
is-default: true
enable-tls: true
tls-cert: |
  -----BEGIN CERTIFICATE-----
  MIIB
  -----END CERTIFICATE-----
`
    })
    expect(inputs.registry).toEqual({
      address: 'https://harbor.example.com',
      provider: 'harbor',
      namespace: 'team-a',
      region: '',
      isDefault: true,
      enableTls: true,
      tlsCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    })
    expect(inputs.registryAccessKey).toBe(KEYS['registry-access-key'])
    expect(inputs.registrySecretKey).toBe(KEYS['registry-secret-key'])
  })

  it('reads JSON, and ECR without a namespace but with its region', async () => {
    const { inputs } = await read({
      ...OP,
      ...KEYS,
      registry:
        '{"address": "https://1234.dkr.ecr.us-east-1.amazonaws.com", "provider": "ecr", "region": "us-east-1"}'
    })
    expect(inputs.registry).toMatchObject({
      provider: 'ecr',
      namespace: '',
      region: 'us-east-1',
      isDefault: false
    })
  })

  it('is required by create-registry; the keys are optional together', async () => {
    expect(await problemsOf(OP)).toEqual([
      'registry: operation "create-registry" needs the registry to add ({address, provider, namespace, …}), got nothing'
    ])
    const { inputs } = await read({
      ...OP,
      registry:
        'address: http://registry.local:5000\nprovider: native\nnamespace: ci\n'
    })
    expect(inputs.registryAccessKey).toBeUndefined()
  })

  it("names every field the server's checks would refuse", async () => {
    expect(
      await problemsOf({
        ...OP,
        ...KEYS,
        registry: `address: harbor.example.com
provider: quay
is-default: "yes"
`
      })
    ).toEqual([
      'registry.provider: expected one of harbor, dockerhub, acr, swr, tcr, ecr, native, got the text "quay"',
      'registry.address: expected a URL with http:// or https:// (for example https://harbor.example.com), got "harbor.example.com"',
      'registry.is-default: expected true or false, got the text "yes"'
    ])
    expect(
      await problemsOf({
        ...OP,
        ...KEYS,
        registry: 'address: https://h.example.com\nprovider: harbor\n'
      })
    ).toEqual([
      "registry.namespace: expected the registry's namespace (project), got nothing; only provider ecr may leave it out"
    ])
    expect(
      await problemsOf({
        ...OP,
        ...KEYS,
        registry: 'address: https://a.example.com\nprovider: ecr\n'
      })
    ).toEqual([
      'registry.region: expected the AWS region (for example us-east-1), got nothing; provider ecr needs it'
    ])
    expect(
      await problemsOf({ ...OP, registry: '[https://h.example.com]' })
    ).toEqual([
      'registry: expected {address, provider, namespace, region?, is-default?, enable-tls?, tls-cert?}, got a list'
    ])
  })

  it('refuses credentials inside registry, pointing at the masked inputs, without the value', async () => {
    const problems = await problemsOf({
      ...OP,
      registry:
        'address: https://h.example.com\nprovider: harbor\nnamespace: a\npassword: hunter2-hunter2\n'
    })
    expect(problems).toEqual([
      'registry: expected no credentials in registry, got "password"; give them in the inputs registry-access-key and registry-secret-key (masked), from secrets'
    ])
    expect(problems.join('\n')).not.toContain('hunter2')
  })

  const valid =
    'address: https://h.example.com\nprovider: harbor\nnamespace: a\n'

  it('wants both keys or neither', async () => {
    expect(
      await problemsOf({
        ...OP,
        registry: valid,
        'registry-access-key': KEYS['registry-access-key']
      })
    ).toEqual([
      'registry-secret-key: expected the secret key (or password) that goes with registry-access-key, got nothing'
    ])
  })

  it('wants both keys for ECR', async () => {
    expect(
      await problemsOf({
        ...OP,
        registry:
          'address: https://a.example.com\nprovider: ecr\nregion: us-east-1\n'
      })
    ).toEqual([
      'registry-access-key: provider ecr needs registry-access-key and registry-secret-key (an AWS key pair), got nothing'
    ])
  })

  it('refuses a key with a line break without quoting it', async () => {
    const problems = await problemsOf({
      ...OP,
      registry: valid,
      'registry-access-key': 'AKID-part-one\nline-two',
      'registry-secret-key': KEYS['registry-secret-key']
    })
    expect(problems).toEqual([
      'registry-access-key: expected a single line without control characters, got a value with a line break'
    ])
  })

  it('warns that the registry inputs are ignored by other operations', async () => {
    const { warnings } = await read({
      operation: 'list-registries',
      ...KEYS
    })
    expect(warnings).toEqual([
      'registry-access-key is ignored by operation "list-registries"',
      'registry-secret-key is ignored by operation "list-registries"'
    ])
  })
})
