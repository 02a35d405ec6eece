import type { ZadigClient } from '../../../src/zadig/client.js'
import type { ZadigApiError } from '../../../src/zadig/errors.js'
import type { ApproveRequest } from '../../../src/zadig/types.js'
import {
  BASE,
  empty,
  fixture,
  json,
  makeClient,
  rejection
} from '../../helpers/zadig-stub.js'

const SUCCESS = () => json(200, fixture('success.json'))
const body = (name: string) => JSON.parse(fixture(name)) as unknown
// The endpoint answers with a fixture and returns it as parsed.
const answers = (name: string) => ({
  reply: () => json(200, fixture(name)),
  result: body(name)
})

interface Case {
  name: string
  call: (c: ZadigClient) => Promise<unknown>
  method: string
  url: string
  body?: unknown
  yaml?: string
  reply?: () => Response
  result?: unknown
}

const cases: Case[] = [
  {
    name: 'listWorkflows',
    call: c => c.workflows.list('demo', 'release'),
    method: 'GET',
    url: '/openapi/workflows?projectKey=demo&viewName=release',
    ...answers('list-workflows.json')
  },
  {
    name: 'getWorkflowDetail',
    call: c => c.workflows.detail('demo', 'build-deploy'),
    method: 'GET',
    url: '/openapi/workflows/custom/build-deploy/detail?projectKey=demo',
    ...answers('workflow-detail.json')
  },
  {
    name: 'listTasks',
    call: c => c.tasks.list('demo', 'build-deploy', 1, 10),
    method: 'GET',
    url: '/openapi/workflows/custom/build-deploy/tasks?projectKey=demo&pageNum=1&pageSize=10',
    ...answers('list-tasks.json')
  },
  {
    name: 'getTask',
    call: c => c.tasks.get('build-deploy', 58),
    method: 'GET',
    url: '/openapi/workflows/custom/task?taskId=58&workflowKey=build-deploy',
    ...answers('task-detail-running.json')
  },
  {
    name: 'triggerTask',
    call: c => c.tasks.trigger(body('trigger-request.json') as never),
    method: 'POST',
    url: '/openapi/workflows/custom/task',
    body: body('trigger-request.json'),
    ...answers('trigger-response.json')
  },
  {
    name: 'cancelTask (query and body)',
    call: c => c.tasks.cancel('build-deploy', 58),
    method: 'DELETE',
    url: '/openapi/workflows/custom/task?taskId=58&workflowKey=build-deploy',
    body: body('cancel-request-v1.7.json')
  },
  {
    name: 'retryTask',
    call: c => c.tasks.retry('demo', 'build-deploy', 58),
    method: 'POST',
    url: '/openapi/workflows/custom/build-deploy/task/58?projectKey=demo'
  },
  {
    name: 'approve (task_id stays a number)',
    call: c =>
      c.tasks.approve({
        ...(body('approve-request.json') as ApproveRequest),
        task_id: '58' as unknown as number
      }),
    method: 'POST',
    url: '/openapi/workflows/custom/task/approve',
    body: body('approve-request.json')
  },
  {
    name: 'createWorkflow',
    call: c => c.workflows.create('name: wf\n', 'release'),
    method: 'POST',
    url: '/api/aslan/workflow/v4?viewName=release',
    yaml: 'name: wf\n'
  },
  {
    name: 'updateWorkflow',
    call: c => c.workflows.update('build deploy', 'name: wf\n'),
    method: 'PUT',
    url: '/api/aslan/workflow/v4/build%20deploy',
    yaml: 'name: wf\n'
  },
  {
    name: 'deleteWorkflow',
    call: c => c.workflows.delete('demo', 'build-deploy'),
    method: 'DELETE',
    url: '/openapi/workflows/custom?workflowKey=build-deploy&projectKey=demo'
  },
  {
    name: 'listRegistries',
    call: c => c.system.registries(),
    method: 'GET',
    url: '/openapi/system/registry',
    ...answers('registry-list.json')
  },
  {
    name: 'listCodeHosts',
    call: c => c.system.codeHosts(),
    method: 'GET',
    url: '/api/aslan/code/codehost',
    reply: () => json(200, [{ id: 1, address: 'x', type: 'gitlab' }]),
    result: [{ id: 1, address: 'x', type: 'gitlab' }]
  },
  {
    name: 'listViews',
    call: c => c.views.list('demo'),
    method: 'GET',
    url: '/openapi/workflows/view?projectKey=demo',
    ...answers('list-views.json')
  },
  {
    name: 'createView',
    call: c => c.views.create(body('create-view-request.json') as never),
    method: 'POST',
    url: '/openapi/workflows/view',
    body: body('create-view-request.json')
  },
  {
    name: 'updateView',
    call: c =>
      c.views.update('demo', 'release/1', {
        workflow_list: [
          { workflow_key: 'a', workflow_type: 'custom', enabled: false }
        ]
      }),
    method: 'PUT',
    url: '/openapi/workflows/view/release%2F1?projectKey=demo',
    body: {
      workflow_list: [
        { workflow_key: 'a', workflow_type: 'custom', enabled: false }
      ]
    }
  },
  {
    name: 'deleteView',
    call: c => c.views.delete('demo', 'release'),
    method: 'DELETE',
    url: '/openapi/workflows/view/release?projectKey=demo'
  },
  {
    name: 'listProductTasks',
    call: c => c.productWorkflows.listTasks('demo', 'demo-workflow-dev', 2, 5),
    method: 'GET',
    url: '/openapi/workflows/product/demo-workflow-dev/tasks?projectKey=demo&pageNum=2&pageSize=5',
    ...answers('product-task-list.json')
  },
  {
    name: 'getProductTask',
    call: c => c.productWorkflows.getTask('demo', 'demo-workflow-dev', 49),
    method: 'GET',
    url: '/openapi/workflows/product/demo-workflow-dev/task/49?projectKey=demo',
    ...answers('product-task-detail.json')
  },
  {
    name: 'triggerProductTask',
    call: c =>
      c.productWorkflows.trigger(body('product-trigger-request.json') as never),
    method: 'POST',
    url: '/openapi/workflows/product/task',
    body: body('product-trigger-request.json'),
    ...answers('product-trigger-response.json')
  },
  {
    name: 'deleteProductWorkflow',
    call: c => c.productWorkflows.delete('demo', 'demo-workflow-dev'),
    method: 'DELETE',
    url: '/openapi/workflows/product?workflowKey=demo-workflow-dev&projectKey=demo'
  },
  {
    name: 'cancelProductTask',
    call: c => c.productWorkflows.cancel('demo', 'demo-workflow-dev', 49),
    method: 'POST',
    url: '/api/directory/workflowTask/id/49/pipelines/demo-workflow-dev/cancel?projectName=demo',
    reply: () => json(200, fixture('directory-cancel-response.json'))
  },
  {
    name: 'restartProductTask',
    call: c => c.productWorkflows.restart('demo', 'demo-workflow-dev', 49),
    method: 'POST',
    url: '/api/directory/workflowTask/id/49/pipelines/demo-workflow-dev/restart?projectName=demo'
  }
]

describe.each(cases)('$name', c => {
  it(`sends ${c.method} ${c.url}`, async () => {
    const { client, calls } = makeClient([(c.reply ?? SUCCESS)()])
    const result = await c.call(client)
    expect(calls).toHaveLength(1)
    const { url, init, headers } = calls[0]!
    expect(init.method).toBe(c.method)
    expect(url).toBe(BASE + c.url)
    if (c.body !== undefined) {
      expect(headers['content-type']).toBe('application/json')
      expect(JSON.parse(init.body as string)).toEqual(c.body)
    } else if (c.yaml !== undefined) {
      expect(headers['content-type']).toBe('text/yaml')
      expect(init.body).toBe(c.yaml)
    } else {
      expect(init.body).toBeUndefined()
    }
    if (c.result !== undefined) expect(result).toEqual(c.result)
  })
})

describe('endpoint details', () => {
  it('normalises null and empty list answers to []', async () => {
    const { client } = makeClient([
      json(200, { workflows: null }),
      json(200, { total: 0, workflow_tasks: null }),
      empty(200),
      json(200, 'null'),
      json(200, []),
      json(200, 'null'),
      json(200, 'null')
    ])
    expect(await client.workflows.list('demo')).toEqual({ workflows: [] })
    expect(await client.tasks.list('demo', 'w', 1, 10)).toEqual({
      total: 0,
      workflow_tasks: []
    })
    expect(await client.workflows.list('demo')).toEqual({ workflows: [] })
    expect(await client.system.registries()).toEqual([])
    expect(await client.system.codeHosts()).toEqual([])
    expect(await client.views.list('demo')).toEqual([])
    expect(await client.productWorkflows.listTasks('demo', 'w', 1, 10)).toEqual(
      []
    )
  })

  it('a directory answer with resultCode != 0 is an error despite HTTP 200', async () => {
    const { client } = makeClient([
      json(200, { resultCode: 500, errorMsg: 'fail' })
    ])
    const err = (await rejection(
      client.productWorkflows.cancel('demo', 'demo-workflow-dev', 49)
    )) as ZadigApiError
    expect(err).toMatchObject({
      status: 200,
      code: 500,
      zadigMessage: 'fail',
      method: 'POST',
      path: '/api/directory/workflowTask/id/49/pipelines/demo-workflow-dev/cancel'
    })
    expect(err.message).toBe(
      "ZadigX POST /api/directory/workflowTask/id/49/pipelines/demo-workflow-dev/cancel failed: HTTP 200, code 500 fail (ZadigX did not cancel the task and does not say why: the token's user may lack the right to run workflows in project demo, or the task's state does not allow it)"
    )
  })

  it('restart is not retried, cancel is', async () => {
    const { client, calls } = makeClient([empty(503), empty(503), SUCCESS()])
    await rejection(client.productWorkflows.restart('demo', 'w', 1))
    expect(calls).toHaveLength(1)
    await client.productWorkflows.cancel('demo', 'w', 1)
    expect(calls).toHaveLength(3)
  })

  it('a restart failure in the documented error shape is reported', async () => {
    const { client } = makeClient([
      json(400, fixture('error-400-restart-doc.json'))
    ])
    const err = (await rejection(
      client.productWorkflows.restart('demo', 'w', 1)
    )) as ZadigApiError
    expect(err.message).toContain(
      'HTTP 400, code 6164 重试工作流任务失败: 获取工作流任务失败'
    )
  })
})
