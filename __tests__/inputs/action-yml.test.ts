import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { isolateInputEnv, setInputs } from '../helpers/inputs-env.js'

// A runner-faithful fake of @actions/core that records every input read.
const readNames: string[] = []
jest.unstable_mockModule('@actions/core', () => ({
  setSecret: jest.fn(),
  getInput: (name: string, options?: { trimWhitespace?: boolean }) => {
    readNames.push(name)
    const value = process.env[`INPUT_${name.toUpperCase()}`] ?? ''
    return options?.trimWhitespace === false ? value : value.trim()
  }
}))
const { InputError, getInputs } = await import('../../src/inputs.js')

const BASE = {
  url: 'https://zadigx.example.com',
  token: 'test-token',
  project: 'demo',
  workflow: 'build-deploy'
}

isolateInputEnv()

beforeEach(() => {
  readNames.length = 0
})

describe('action.yml', () => {
  interface ActionYml {
    name: string
    inputs: Record<string, { description?: string; default?: string }>
    outputs: Record<string, { description?: string }>
    runs: { using: string; main: string }
  }
  const action = parse(
    readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
  ) as ActionYml

  it('declares exactly the inputs getInputs reads', async () => {
    setInputs({ ...BASE, operation: 'unknown' })
    await expect(getInputs()).rejects.toThrow(InputError)
    expect([...new Set(readNames)].sort()).toEqual(
      Object.keys(action.inputs).sort()
    )
  })

  it('describes every input and output, and gives booleans a default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description]).toEqual([name, 'string'])
    }
    expect(action.inputs['wait']?.default).toBe('true')
    expect(action.inputs['summary']?.default).toBe('true')
    expect(Object.keys(action.outputs).sort()).toEqual([
      'data',
      'duration',
      'env-status',
      'env-url',
      'previous-image',
      'result',
      'services',
      'stages',
      'status',
      'task-id',
      'task-url'
    ])
    for (const output of Object.values(action.outputs)) {
      expect(output.description).toEqual(expect.any(String))
    }
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post.js',
      'post-if': 'cancelled()'
    })
  })

  it('has defaults that mean the same as leaving the inputs empty', async () => {
    setInputs(BASE)
    const implicit = await getInputs()
    for (const [name, input] of Object.entries(action.inputs)) {
      // Expressions such as ${{ github.token }} are evaluated by the runner.
      if (input.default !== undefined && !input.default.includes('${{'))
        setInputs({ [name]: input.default })
    }
    expect(await getInputs()).toEqual(implicit)
  })

  it('mentions that older servers ignore workflow parameters', () => {
    expect(action.inputs['parameters']?.description).toMatch(
      /before Zadig v3\.1 \(including ZadigX v1\.7\) ignore/
    )
  })
})
