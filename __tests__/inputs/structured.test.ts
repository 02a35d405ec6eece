import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

const TRIGGER = { project: 'p', workflow: 'w' }

describe('inputs (job inputs)', () => {
  const jobs = async (text: string) =>
    (await read({ ...TRIGGER, inputs: text })).inputs

  it('reads the API list form', async () => {
    const text = `
- job_name: build
  job_type: zadig-build
  parameters:
    registry: https://harbor.example.com/library
    service_list:
      - {service_name: api, service_module: api}
- job_name: approve
  parameters: {}
- job_name: notify
`
    expect((await jobs(text)).jobInputs).toEqual([
      {
        job_name: 'build',
        job_type: 'zadig-build',
        parameters: {
          registry: 'https://harbor.example.com/library',
          service_list: [{ service_name: 'api', service_module: 'api' }]
        }
      },
      { job_name: 'approve', parameters: {} },
      { job_name: 'notify', parameters: {} }
    ])
  })

  it('reads the mapping form; an empty value runs the job with its defaults', async () => {
    const text = `
build:
  registry: https://harbor.example.com/library
  service_list: [{service_name: api, service_module: api}]
approve:
deploy: {env_name: dev}
release: {job_type: freestyle, parameters: {kv: []}}
`
    expect((await jobs(text)).jobInputs).toEqual([
      {
        job_name: 'build',
        parameters: {
          registry: 'https://harbor.example.com/library',
          service_list: [{ service_name: 'api', service_module: 'api' }]
        }
      },
      { job_name: 'approve', parameters: {} },
      { job_name: 'deploy', parameters: { env_name: 'dev' } },
      { job_name: 'release', job_type: 'freestyle', parameters: { kv: [] } }
    ])
  })

  it('reads JSON, and keeps on/yes as text (YAML 1.2 core schema)', async () => {
    const json = '[{"job_name":"build","parameters":{"flag":"on"}}]'
    expect((await jobs(json)).jobInputs).toEqual([
      { job_name: 'build', parameters: { flag: 'on' } }
    ])
    expect((await jobs('build: {on: yes, off: no}')).jobInputs).toEqual([
      { job_name: 'build', parameters: { on: 'yes', off: 'no' } }
    ])
  })

  it('keeps the indentation of a block passed indented', async () => {
    expect(
      (await jobs('  build:\n    registry: r\n  test:\n')).jobInputs
    ).toEqual([
      { job_name: 'build', parameters: { registry: 'r' } },
      { job_name: 'test', parameters: {} }
    ])
  })

  it('treats a comment-only value as no inputs', async () => {
    expect((await jobs('# nothing yet')).jobInputs).toBeUndefined()
  })

  it('reports the parser position for malformed YAML', async () => {
    const text = 'build:\n  registry: r\n service_list: []'
    expect(await problemsOf({ ...TRIGGER, inputs: text })).toEqual([
      'inputs: expected valid YAML or JSON, got a parse error at line 3, column 1: All mapping items must start at the same column'
    ])
    expect(
      await problemsOf({ ...TRIGGER, inputs: '[{"job_name": "a",}' })
    ).toEqual([
      expect.stringMatching(/^inputs: .*parse error at line 1, column \d+: /)
    ])
  })

  it('reports duplicate job names in both forms', async () => {
    const list = '[{job_name: build}, {job_name: build}, {job_name: build}]'
    expect(await problemsOf({ ...TRIGGER, inputs: list })).toEqual([
      'inputs: expected each job once, got job "build" more than once'
    ])
    expect(await problemsOf({ ...TRIGGER, inputs: 'a: {}\na: {}' })).toEqual([
      'inputs: expected valid YAML or JSON, got a parse error at line 2, column 1: Map keys must be unique'
    ])
  })

  it('checks the shape of each job', async () => {
    const text = `
- parameters: {}
- job_name: 12
- job_name: build
  registry: r
- job_name: test
  job_type: 3
  parameters: [a]
- plain text
`
    expect(await problemsOf({ ...TRIGGER, inputs: text })).toEqual([
      "inputs[0].job_name: expected the job's name as text, got nothing",
      "inputs[1].job_name: expected the job's name as text, got the number 12",
      'inputs[2]: expected only job_name, job_type and parameters, got "registry" (job settings go under parameters)',
      'inputs[3].job_type: expected a job type such as zadig-build, got the number 3',
      "inputs[3].parameters: expected a mapping of the job's parameters (or nothing, to run it with its defaults), got a list",
      'inputs[4]: expected a mapping {job_name, job_type?, parameters}, got the text "plain text"'
    ])
  })

  it('refuses a mapping value that is not parameters, and a scalar', async () => {
    expect(await problemsOf({ ...TRIGGER, inputs: 'build: [a, b]' })).toEqual([
      "inputs.build: expected a mapping of the job's parameters (or nothing, to run it with its defaults), got a list"
    ])
    expect(await problemsOf({ ...TRIGGER, inputs: 'build' })).toEqual([
      'inputs: expected a list of {job_name, job_type?, parameters} or a mapping of job name to its parameters, got the text "build"'
    ])
  })

  it('reads a product workflow input object', async () => {
    const text =
      '{target_env: dev, build: {enabled: true, service_list: []}, deploy: {enabled: true, source: zadig}}'
    const { inputs } = await read({
      ...TRIGGER,
      'workflow-type': 'product',
      inputs: text
    })
    expect(inputs.jobInputs).toBeUndefined()
    expect(inputs.productInput).toEqual({
      target_env: 'dev',
      build: { enabled: true, service_list: [] },
      deploy: { enabled: true, source: 'zadig', service_list: [] }
    })
  })

  it('checks the outline of a product workflow input', async () => {
    const values = { ...TRIGGER, 'workflow-type': 'product' }
    const text =
      '{tests: [], build: {enabled: yes, service_list: x}, deploy: {enabled: true, source: runtime}}'
    expect(await problemsOf({ ...values, inputs: '[build]' })).toEqual([
      'inputs: expected a product-workflow input mapping {target_env, build, deploy}, got a list'
    ])
    expect(await problemsOf({ ...values, inputs: text })).toEqual([
      'inputs: expected only target_env, build and deploy for a product workflow, got "tests"',
      'inputs.target_env: expected the environment name, got nothing',
      'inputs.build.enabled: expected true or false, got the text "yes"',
      'inputs.build.service_list: expected a list of services, got the text "x"'
    ])
    const both =
      '{build: {enabled: true}, deploy: {enabled: true, source: runtime}, target_env: [x]}'
    expect(await problemsOf({ ...values, inputs: both })).toEqual([
      'inputs.target_env: expected the environment name, got a list',
      'inputs.deploy.source: expected "zadig" when build and deploy are both enabled, got the text "runtime"'
    ])
    expect(await problemsOf({ ...values, inputs: 'deploy: 3' })).toEqual([
      'inputs.target_env: expected the environment name, got nothing',
      'inputs.deploy: expected a mapping {enabled, service_list}, got the number 3'
    ])
  })

  it('fills in an empty service_list and drops empty sections', async () => {
    const values = { ...TRIGGER, 'workflow-type': 'product' }
    const text = 'target_env: dev\nbuild:\ndeploy: {enabled: false}'
    expect(
      (await read({ ...values, inputs: text })).inputs.productInput
    ).toEqual({
      target_env: 'dev',
      deploy: { enabled: false, service_list: [] }
    })
    expect(
      (await read({ ...values, inputs: '# later' })).inputs.productInput
    ).toBe(undefined)
  })
})

describe('parameters', () => {
  const params = async (text: string) =>
    (await read({ ...TRIGGER, parameters: text })).inputs.parameters

  it('turns scalar values into text as written', async () => {
    const text =
      'version: 1.10\nbuild: 007\ndebug: true\nname: api\nempty:\nlong: 12345678901234567890'
    expect(await params(text)).toEqual({
      version: '1.10',
      build: '007',
      debug: 'true',
      name: 'api',
      empty: '',
      long: '12345678901234567890'
    })
    expect(await params('{"version": 1.10, "on": "yes"}')).toEqual({
      version: '1.10',
      on: 'yes'
    })
  })

  it('refuses lists, mappings and a non-mapping document', async () => {
    expect(
      await problemsOf({ ...TRIGGER, parameters: 'a: [1]\nb: {c: d}' })
    ).toEqual([
      'parameters.a: expected a text, number or boolean value, got a list',
      'parameters.b: expected a text, number or boolean value, got a mapping'
    ])
    expect(await problemsOf({ ...TRIGGER, parameters: '- a' })).toEqual([
      'parameters: expected a mapping of workflow variable name to value, got a list'
    ])
  })

  it('reports parse errors and resolves aliases', async () => {
    expect(await problemsOf({ ...TRIGGER, parameters: 'a: "open' })).toEqual([
      expect.stringMatching(
        /^parameters: expected valid YAML or JSON, got a parse error at line 1, column \d+: /
      )
    ])
    expect(await problemsOf({ ...TRIGGER, parameters: 'a: *nope' })).toEqual([
      expect.stringMatching(
        /^parameters: expected valid YAML or JSON, got a parse error: Unresolved alias/
      )
    ])
    expect(await params('a: &v 1.50\nb: *v')).toEqual({ a: '1.50', b: '1.50' })
  })
})

describe('view-workflows', () => {
  const view = { operation: 'create-view', project: 'p', view: 'v' }
  const entries = async (text: string) =>
    (await read({ ...view, 'view-workflows': text })).inputs.viewWorkflows

  it('reads plain keys and full entries', async () => {
    const text =
      '- build\n- {workflow_key: legacy, workflow_type: product, enabled: false}'
    expect(await entries(text)).toEqual([
      { workflow_key: 'build', workflow_type: 'custom', enabled: true },
      { workflow_key: 'legacy', workflow_type: 'product', enabled: false }
    ])
    expect(await entries('["a"]')).toEqual([
      { workflow_key: 'a', workflow_type: 'custom', enabled: true }
    ])
  })

  it('checks each entry and refuses duplicates', async () => {
    const text = `
- {workflow_type: other, enabled: yes, extra: 1}
- 5
- a
- {workflow_key: a}
`
    expect(await problemsOf({ ...view, 'view-workflows': text })).toEqual([
      'view-workflows[0].workflow_key: expected the workflow key as text, got nothing',
      'view-workflows[0].workflow_type: expected custom or product, got the text "other"',
      'view-workflows[0].enabled: expected true or false, got the text "yes"',
      'view-workflows[0]: expected only workflow_key, workflow_type and enabled, got "extra"',
      'view-workflows[1]: expected a workflow key or {workflow_key, workflow_type?, enabled?}, got the number 5',
      'view-workflows: expected each workflow once, got "a" more than once'
    ])
  })

  it('needs a non-empty list', async () => {
    for (const text of ['build', '[]', '{a: 1}']) {
      expect(await problemsOf({ ...view, 'view-workflows': text })).toEqual([
        expect.stringMatching(
          /^view-workflows: expected a non-empty list of workflow keys/
        )
      ])
    }
    expect(await problemsOf({ ...view, 'view-workflows': '[a' })).toEqual([
      expect.stringMatching(
        /^view-workflows: expected valid YAML or JSON, got a parse error at line 1/
      )
    ])
  })
})
