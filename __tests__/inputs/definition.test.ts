import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

const DEFINITION = `name: build-deploy
display_name: Build & Deploy
project: demo
stages:
  - name: build
    jobs:
      - name: build
        type: zadig-build
        spec: {}
`
let workspace: string

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'zadigx-inputs-'))
  mkdirSync(join(workspace, 'workflows'))
  writeFileSync(join(workspace, 'workflows', 'build-deploy.yaml'), DEFINITION)
  writeFileSync(join(workspace, 'broken.yaml'), 'name: x\nstages: [\n')
  writeFileSync(join(workspace, 'list.yaml'), '- a\n- b\n')
})

afterAll(() => rmSync(workspace, { recursive: true, force: true }))

beforeEach(() => {
  process.env['GITHUB_WORKSPACE'] = workspace
})

const create = { operation: 'create-workflow', project: 'demo' }
const update = {
  ...create,
  operation: 'update-workflow',
  workflow: 'build-deploy'
}

describe('definition', () => {
  it('reads the file a single line names, relative to GITHUB_WORKSPACE', async () => {
    const values = { ...create, definition: 'workflows/build-deploy.yaml' }
    expect((await read(values)).inputs.definition).toBe(DEFINITION)
  })

  it('reads an absolute path', async () => {
    const definition = join(workspace, 'workflows', 'build-deploy.yaml')
    expect((await read({ ...update, definition })).inputs.definition).toBe(
      DEFINITION
    )
  })

  it('falls back to the working directory without GITHUB_WORKSPACE', async () => {
    delete process.env['GITHUB_WORKSPACE']
    const cwd = process.cwd()
    process.chdir(workspace)
    try {
      const values = { ...create, definition: 'workflows/build-deploy.yaml' }
      expect((await read(values)).inputs.definition).toBe(DEFINITION)
    } finally {
      process.chdir(cwd)
    }
  })

  it('takes YAML text as the definition itself', async () => {
    expect(
      (await read({ ...update, definition: DEFINITION })).inputs.definition
    ).toBe(DEFINITION)
    const json = '{"name": "build-deploy", "stages": []}'
    expect(
      (await read({ ...update, definition: json })).inputs.definition
    ).toBe(json)
  })

  it('names a path that is neither a file nor YAML', async () => {
    expect(
      await problemsOf({ ...create, definition: 'workflows/missing.yaml' })
    ).toEqual([
      `definition: expected a workflow definition (a YAML mapping with a name) or the path of a YAML file in the workspace, got "workflows/missing.yaml", which is neither (no such file under ${workspace})`
    ])
    expect(await problemsOf({ ...create, definition: 'workflows' })).toEqual([
      expect.stringContaining('got "workflows", which is neither')
    ])
  })

  it('reports parse errors with the file and the line', async () => {
    expect(await problemsOf({ ...create, definition: 'broken.yaml' })).toEqual([
      expect.stringMatching(
        /^definition \(file broken\.yaml\): expected valid YAML or JSON, got a parse error at line 3, column 1: /
      )
    ])
    expect(await problemsOf({ ...create, definition: 'list.yaml' })).toEqual([
      'definition (file list.yaml): expected a workflow definition (a YAML mapping with a name) or the path of a YAML file in the workspace, got a list'
    ])
  })

  it('needs a name', async () => {
    expect(
      await problemsOf({ ...create, definition: 'display_name: x\nstages: []' })
    ).toEqual([
      'definition: expected a mapping with a name (the workflow key), got name nothing'
    ])
  })

  it('must agree with the workflow and project inputs', async () => {
    const other = DEFINITION.replace(
      'name: build-deploy',
      'name: other'
    ).replace('project: demo', 'project: elsewhere')
    expect(await problemsOf({ ...update, definition: other })).toEqual([
      'definition: expected name to equal the workflow input "build-deploy", got "other"',
      'definition: expected project to equal the project input "demo", got "elsewhere"'
    ])
  })
})
