// What the action keeps of a scan task's answer (docs/zadigx-api.md#scan-tasks):
// server text is untrusted, so only an http(s) result link survives and a wrong
// shape is refused.
import { decodeScanTask } from '../../../src/zadig/api/quality.js'

const answer = (extra: Record<string, unknown>) => ({
  scan_name: 'sonar',
  task_id: 3,
  status: 'passed',
  creator: 'alice',
  repo_info: [
    {
      repo_owner: 'koderover',
      repo_name: 'demo-api',
      branch: 'main',
      hidden: false
    }
  ],
  ...extra
})

describe('decodeScanTask', () => {
  it('keeps the task, its repositories and an https result link', () => {
    const task = decodeScanTask(
      answer({ result_link: 'https://sonar.example.com/dashboard?id=x' })
    )
    expect(task).toMatchObject({
      task_id: 3,
      status: 'passed',
      result_link: 'https://sonar.example.com/dashboard?id=x',
      repo_info: [
        { repo_owner: 'koderover', repo_name: 'demo-api', branch: 'main' }
      ]
    })
  })

  it('drops an empty or non-web result link', () => {
    for (const link of ['', 'javascript:alert(1)', 'not a url', null])
      expect(decodeScanTask(answer({ result_link: link }))).not.toHaveProperty(
        'result_link'
      )
  })

  it('reads a null repo_info as none and refuses a wrong shape', () => {
    expect(decodeScanTask(answer({ repo_info: null })).repo_info).toEqual([])
    expect(() => decodeScanTask(answer({ task_id: '3' }))).toThrow(/task_id/)
    expect(() => decodeScanTask(answer({ repo_info: 'x' }))).toThrow(
      /repo_info/
    )
    expect(() =>
      decodeScanTask(answer({ status: '::stop-commands::' }))
    ).toThrow(/status/)
  })
})
