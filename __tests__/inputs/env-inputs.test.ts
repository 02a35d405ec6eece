// The environment inputs: services in both forms, variables as a map, keys and
// replicas checked before any request.
import {
  parseServices,
  parseVariables,
  readImages,
  readKey,
  readReplicas
} from '../../src/inputs/env-inputs.js'
import { loadYaml } from '../../src/structured.js'

beforeAll(async () => {
  await loadYaml()
})

function read<T>(parse: (text: string, problems: string[]) => T, text: string) {
  const problems: string[] = []
  return { value: parse(text, problems), problems }
}

describe('services', () => {
  it('takes a list of names, a list of {name, variables} or a map of name to variables', () => {
    expect(read(parseServices, '[svc-a, svc-b]').value).toEqual([
      { name: 'svc-a', variables: [] },
      { name: 'svc-b', variables: [] }
    ])
    expect(
      read(parseServices, '[{name: svc-a, variables: {N: 2}}]').value
    ).toEqual([{ name: 'svc-a', variables: [{ key: 'N', value: '2' }] }])
    expect(
      read(parseServices, '{"svc-a": {"LOG": "debug"}, "svc-b": null}').value
    ).toEqual([
      { name: 'svc-a', variables: [{ key: 'LOG', value: 'debug' }] },
      { name: 'svc-b', variables: [] }
    ])
  })

  it('names what is wrong', () => {
    expect(read(parseServices, '[svc-a, svc-a]').problems).toEqual([
      'services: expected each service once, got "svc-a" more than once'
    ])
    expect(read(parseServices, 'svc-a: {A: [1]}').problems).toEqual([
      'services.svc-a.A: expected a text, number or boolean value, got a list'
    ])
    expect(read(parseServices, '[]').problems).toEqual([
      'services: expected at least one service, got none'
    ])
  })
})

describe('variables', () => {
  it('is a map of names to text', () => {
    expect(read(parseVariables, '{A: 1, B: true, C: x}').value).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: 'true' },
      { key: 'C', value: 'x' }
    ])
    expect(read(parseVariables, '[A]').problems).toEqual([
      'variables: expected a map of variable names to values, got a list'
    ])
  })
})

describe('keys and replicas', () => {
  it('refuses a key that would leave its path segment', () => {
    expect(read((t, p) => readKey('env', t, p), 'dev/../x').problems).toEqual([
      'env: expected a key of letters, digits, ".", "_" or "-" (at most 100), got "dev/../x"'
    ])
    expect(read((t, p) => readKey('env', t, p), ' dev ').value).toBe('dev')
  })

  it('takes 0 replicas and refuses a negative number', () => {
    expect(read(readReplicas, '0').value).toBe(0)
    expect(read(readReplicas, '-1').value).toBeUndefined()
  })
})

describe('images', () => {
  it('takes one reference per line, or a YAML or JSON list, each once', () => {
    expect(
      read(readImages, 'ghcr.io/o/a:1\n\n  ghcr.io/o/b:1  \n').value
    ).toEqual(['ghcr.io/o/a:1', 'ghcr.io/o/b:1'])
    expect(read(readImages, '- ghcr.io/o/a:1\n- ghcr.io/o/a:1').value).toEqual([
      'ghcr.io/o/a:1'
    ])
    expect(read(readImages, '["ghcr.io/o/a:1"]').value).toEqual([
      'ghcr.io/o/a:1'
    ])
  })

  it('names the entry that is not an image reference', () => {
    expect(read(readImages, '- ghcr.io/o/a:1\n- {name: b}').problems).toEqual([
      'images[1]: expected an image reference such as registry.example.com/team/app:1.2.3, got a mapping'
    ])
    expect(read(readImages, '[]').problems).toEqual([
      'images: expected at least one image reference, got none'
    ])
  })
})
