import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

describe('operation and workflow-type', () => {
  it('lists the valid operations for an unknown one', async () => {
    expect(await problemsOf({ operation: 'deploy' })).toEqual([
      'operation: expected one of trigger, wait, get-task, approve, reject, cancel, retry, list-workflows, list-tasks, create-workflow, update-workflow, delete-workflow, list-views, create-view, update-view, delete-view, restart, find-tasks, list-registries, create-registry, list-envs, get-env, deploy-image, wait-env, restart-service, scale-service, update-env-services, delete-env, update-env-variables, apply-env-config, list-services, get-service, create-env, preview-env, delete-service, create-service, update-service, list-releases, create-release, get-release, run-test, run-scan, create-scan, get-artifact, get-stats, create-project, create-build, got "deploy"'
    ])
  })

  it('still checks the other inputs when the operation is unknown', async () => {
    const problems = await problemsOf({
      url: 'x',
      operation: 'deploy',
      'task-id': 'x',
      definition: 'no-name: 1'
    })
    expect(problems.map(p => p.split(':')[0])).toEqual([
      'url',
      'operation',
      'task-id',
      'definition'
    ])
  })

  it('accepts upper-case operation and workflow-type', async () => {
    const { inputs } = await read({
      operation: 'LIST-VIEWS',
      'workflow-type': 'Custom',
      project: 'demo'
    })
    expect(inputs).toMatchObject({
      operation: 'list-views',
      workflowType: 'custom'
    })
  })

  it('refuses an unknown workflow-type', async () => {
    expect(
      await problemsOf({
        'workflow-type': 'legacy',
        project: 'p',
        workflow: 'w'
      })
    ).toEqual(['workflow-type: expected one of custom, product, got "legacy"'])
  })

  it.each(['approve', 'reject', 'list-workflows', 'create-view', 'find-tasks'])(
    'refuses %s on product workflows',
    async operation => {
      const problems = await problemsOf({
        operation,
        'workflow-type': 'product',
        project: 'p',
        workflow: 'w',
        'task-id': '1',
        view: 'v',
        'view-workflows': '[w]'
      })
      expect(problems).toContain(
        `operation: expected one of trigger, wait, get-task, list-tasks, cancel, restart, delete-workflow (retry is accepted as restart) with workflow-type "product", got "${operation}"`
      )
    }
  )

  it.each([
    ['retry', 'product', 'restart'],
    ['restart', 'product', 'restart'],
    ['restart', 'custom', 'retry'],
    ['retry', 'custom', 'retry']
  ])('maps %s on %s workflows to %s', async (operation, type, expected) => {
    const { inputs } = await read({
      operation,
      'workflow-type': type,
      project: 'p',
      workflow: 'w',
      'task-id': '3'
    })
    expect(inputs.operation).toBe(expected)
  })
})

describe('required inputs per operation', () => {
  it.each([
    ['trigger', 'custom', ['project', 'workflow']],
    ['wait', 'custom', ['workflow', 'task-id']],
    ['get-task', 'custom', ['workflow', 'task-id']],
    ['approve', 'custom', ['workflow', 'task-id']],
    ['reject', 'custom', ['workflow', 'task-id']],
    ['cancel', 'custom', ['workflow', 'task-id']],
    ['retry', 'custom', ['workflow', 'task-id']],
    ['restart', 'custom', ['workflow', 'task-id']],
    ['list-workflows', 'custom', ['project']],
    ['list-tasks', 'custom', ['project', 'workflow']],
    ['create-workflow', 'custom', ['project', 'definition']],
    ['update-workflow', 'custom', ['project', 'workflow', 'definition']],
    ['delete-workflow', 'custom', ['project', 'workflow']],
    ['list-views', 'custom', ['project']],
    ['create-view', 'custom', ['project', 'view', 'view-workflows']],
    ['update-view', 'custom', ['project', 'view', 'view-workflows']],
    ['delete-view', 'custom', ['project', 'view']],
    ['find-tasks', 'custom', ['project', 'workflow', 'commit']],
    ['trigger', 'product', ['project', 'workflow']],
    ['wait', 'product', ['project', 'workflow', 'task-id']],
    ['get-task', 'product', ['project', 'workflow', 'task-id']],
    ['cancel', 'product', ['project', 'workflow', 'task-id']],
    ['restart', 'product', ['project', 'workflow', 'task-id']],
    ['list-tasks', 'product', ['project', 'workflow']],
    ['delete-workflow', 'product', ['project', 'workflow']]
  ])('%s on %s workflows needs %j', async (operation, type, needed) => {
    const problems = await problemsOf({ operation, 'workflow-type': type })
    expect(problems.map(p => p.split(':')[0])).toEqual(needed)
  })

  it('says which operation needs the input and what it is', async () => {
    expect(await problemsOf({ operation: 'wait', workflow: 'w' })).toEqual([
      'task-id: operation "wait" needs the task id (a positive whole number), got nothing'
    ])
  })

  it('keeps an optional project for links', async () => {
    const { inputs } = await read({
      operation: 'approve',
      project: 'demo',
      workflow: 'w',
      'task-id': '4'
    })
    expect(inputs).toMatchObject({ project: 'demo', workflow: 'w', taskId: 4 })
  })
})

describe('inputs the operation ignores', () => {
  it('warns about each given input without a default', async () => {
    const { inputs, warnings } = await read({
      operation: 'list-views',
      project: 'p',
      workflow: 'w',
      'task-id': 'not-a-number',
      comment: 'lgtm',
      commit: 'abc'
    })
    expect(warnings).toEqual([
      'workflow is ignored by operation "list-views"',
      'task-id is ignored by operation "list-views"',
      'comment is ignored by operation "list-views"',
      'commit is ignored by operation "list-views"'
    ])
    expect(inputs).toMatchObject({ workflow: '' })
    expect(inputs.taskId).toBeUndefined()
    expect(inputs.comment).toBeUndefined()
  })

  it('needs nothing for list-registries, and warns that it uses no project', async () => {
    expect((await read({ operation: 'list-registries' })).warnings).toEqual([])
    const { inputs, warnings } = await read({
      operation: 'list-registries',
      project: 'p'
    })
    expect(warnings).toEqual([
      'project is ignored by operation "list-registries"'
    ])
    expect(inputs).toMatchObject({ operation: 'list-registries', project: '' })
  })

  it('does not warn about inputs that have an action.yml default', async () => {
    const { warnings } = await read({
      operation: 'list-views',
      project: 'p',
      page: '2',
      wait: 'false',
      timeout: '5m',
      'unlisted-jobs': 'skip'
    })
    expect(warnings).toEqual([])
  })

  it('warns that product workflows take no workflow parameters', async () => {
    const { inputs, warnings } = await read({
      'workflow-type': 'product',
      project: 'p',
      workflow: 'w',
      parameters: 'a: 1'
    })
    expect(warnings).toEqual([
      'parameters is ignored by operation "trigger" on product workflows'
    ])
    expect(inputs.parameters).toBeUndefined()
  })

  it('keeps approval and comment for approve and reject', async () => {
    const { inputs, warnings } = await read({
      operation: 'reject',
      workflow: 'w',
      'task-id': '9',
      approval: 'release',
      comment: 'not today'
    })
    expect(warnings).toEqual([])
    expect(inputs).toMatchObject({ approval: 'release', comment: 'not today' })
  })
})
