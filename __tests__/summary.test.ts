import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TaskReport } from '../src/report.js'
import { registerSecret, forgetSecrets } from '../src/secrets.js'
import {
  renderSummaryMarkdown,
  writeSummary,
  type SummaryWriter
} from '../src/summary.js'
import type { PendingApproval } from '../src/zadig/approval-gate.js'
import { PASSED_BUILD, PASSED_HEAD } from './helpers/tasks.js'

const URL_58 =
  'https://zadigx.example.com/v1/projects/detail/demo/pipelines/custom/build-deploy/58?display_name=Build%20%26%20Deploy'

const passed: TaskReport = {
  ...PASSED_HEAD,
  taskUrl: URL_58,
  stages: [
    {
      ...PASSED_BUILD,
      jobs: [
        ...PASSED_BUILD.jobs,
        { name: 'svc-b-svc-b-build', type: 'zadig-build', status: '' }
      ]
    },
    { name: 'empty', status: '', jobs: [] }
  ]
}

const gate: PendingApproval = {
  model: 'stage',
  target: 'release',
  stage: 'release',
  label: 'release',
  type: 'native',
  description: 'release gate',
  approvers: ['alice'],
  neededApprovers: 1,
  approvedBy: [],
  voters: []
}

/** Table rows must have exactly five pipes, or a cell has leaked. */
const tableRows = (md: string): string[] =>
  md.split('\n').filter(l => l.startsWith('| '))

describe('renderSummaryMarkdown', () => {
  it('renders heading, task line and the stage table', () => {
    const md = renderSummaryMarkdown(passed)
    expect(md).toContain('### ✅ success · Build &amp; Deploy (build-deploy)')
    expect(md).toContain(
      `[Task #58](${URL_58}) · status **passed** · duration **5m29s** · operation trigger · project demo`
    )
    expect(tableRows(md)).toEqual([
      '| Stage | Job | Status | Duration |',
      '| --- | --- | --- | --- |',
      '| ✔ build | svc-a-svc-a-build | ✔ passed | 2m57s |',
      '|  | svc-b-svc-b-build | · not started |  |',
      '| · empty | — |  |  |'
    ])
    expect(md).not.toContain('Errors')
    expect(md).not.toContain('Waiting for approval')
  })

  it.each([
    ['failure', '❌'],
    ['waiting-approval', '⏳'],
    ['timeout', '⌛'],
    ['rejected', '⛔'],
    ['cancelled', '🚫'],
    ['running', '🔄']
  ] as const)('badges %s with %s', (result, badge) => {
    expect(renderSummaryMarkdown({ ...passed, result })).toContain(
      `### ${badge} ${result} ·`
    )
  })

  it('says a Lark gate is decided in Lark, without an approve link', () => {
    const text = renderSummaryMarkdown({
      ...passed,
      result: 'waiting-approval',
      pendingApproval: { ...gate, type: 'lark', description: '' }
    })
    expect(text).toContain(
      `> ⏳ Waiting for stage **release** to be decided in Lark (Feishu) (lark approval). [Task in ZadigX](${URL_58})`
    )
    expect(text).not.toContain('Approve in ZadigX')
  })

  it('shows a pending approval in either model, with the approve link', () => {
    const stage = renderSummaryMarkdown({
      ...passed,
      result: 'waiting-approval',
      pendingApproval: gate
    })
    expect(stage).toContain(
      `> ⏳ Waiting for approval of stage **release** by alice (native approval, 1 needed): release gate. [Approve in ZadigX](${URL_58})`
    )
    const job = renderSummaryMarkdown({
      ...passed,
      taskUrl: undefined,
      pendingApproval: {
        ...gate,
        model: 'job',
        label: 'approve',
        approvers: [],
        neededApprovers: 0,
        description: ''
      }
    })
    expect(job).toContain(
      '> ⏳ Waiting for approval of job **approve** in stage **release** by an allowed approver (native approval).'
    )
  })

  it('shows the failure message and job errors', () => {
    const md = renderSummaryMarkdown({
      ...passed,
      result: 'failure',
      message: 'Task #58 ended with status failed',
      stages: [
        {
          name: 'build',
          status: 'failed',
          jobs: [
            {
              name: 'b',
              type: 'zadig-build',
              status: 'failed',
              error: 'x'.repeat(600)
            }
          ]
        }
      ]
    })
    // The message is server text: `#58` must not become a link to issue 58.
    expect(md).toContain('**Message:** Task #\u200b58 ended with status failed')
    expect(md).toContain('| ✖ build | b | ✖ failed |  |')
    expect(md).toContain(`- **b**: ${'x'.repeat(499)}…`)
  })

  it('makes hostile server text inert', () => {
    const md = renderSummaryMarkdown({
      ...passed,
      workflowName: '<img src=x onerror=alert(1)>',
      status: 'failed`',
      result: 'failure',
      message: 'see [x](javascript:alert(1))\n::error::boom',
      stages: [
        {
          name: '| pipe',
          status: 'failed',
          jobs: [
            {
              name: '[x](javascript:alert(1))',
              type: 'freestyle',
              status: '*bold* _it_ ~s~',
              error: 'ping @octocat\r\n| a | b |'
            }
          ]
        }
      ]
    })
    expect(md).not.toContain('<img')
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(md).not.toMatch(/\[x\]\(/)
    expect(md).not.toContain('::error::')
    expect(md).not.toMatch(/`|\*bold|_it_|~s~/)
    expect(md).not.toContain('@octocat')
    for (const row of tableRows(md)) {
      expect(row.split('|')).toHaveLength(6)
    }
  })

  it('keeps bare links and issue references in server text from going live', () => {
    const md = renderSummaryMarkdown({
      ...passed,
      message: 'see https://evil.example/x and www.evil.example, fixes #12 GH-7'
    })
    expect(md).not.toMatch(/https:\/\/evil|www\.evil|#12|GH-7/)
    expect(md).toContain('https:\u200b//evil.example/x')
    expect(md).toContain('fixes #\u200b12 GH-\u200b7')
  })

  it('clips huge server names and scrubs a token before clipping it', () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ4In0.${'s'.repeat(40)}`
    registerSecret(token)
    try {
      const md = renderSummaryMarkdown({
        ...passed,
        stages: [
          {
            name: `${'n'.repeat(190)}${token}`,
            status: 'failed',
            jobs: [
              { name: 'j'.repeat(5_000_000), type: 'freestyle', status: 'x' }
            ]
          }
        ]
      })
      expect(md).not.toContain('s'.repeat(10))
      expect(md).toContain(`${'n'.repeat(190)}&#42;&#42;&#42;`)
      expect(md).toContain(`${'j'.repeat(199)}…`)
      expect(md.length).toBeLessThan(2_000)
    } finally {
      forgetSecrets()
    }
  })

  it('links only http(s) task URLs', () => {
    for (const taskUrl of ['javascript:alert(1)', 'not a url', '']) {
      const md = renderSummaryMarkdown({ ...passed, taskUrl })
      expect(md).toContain('Task #58 · status')
      expect(md).not.toContain('](')
    }
    const odd = renderSummaryMarkdown({
      ...passed,
      taskUrl: 'https://z/a (b)',
      taskId: undefined,
      workflowName: undefined
    })
    expect(odd).toContain('[Task](https://z/a%20%28b%29)')
    expect(odd).toContain('### ✅ success · build-deploy')
  })

  it('renders a report that knows almost nothing', () => {
    const md = renderSummaryMarkdown({
      operation: '',
      projectKey: '',
      workflowKey: '',
      result: 'failure',
      stages: []
    })
    expect(md).toBe(
      '### ❌ failure · ZadigX\n\nStopped before acting on any task\n'
    )
  })

  it('says what an operation without a task did, not "Task"', () => {
    const base = {
      projectKey: 'demo',
      workflowKey: 'build-deploy',
      stages: []
    }
    const stopped = renderSummaryMarkdown({
      ...base,
      operation: 'trigger',
      result: 'failure',
      message: 'ZadigX refused the token (HTTP 401)'
    })
    expect(stopped.split('\n')[2]).toBe(
      'Operation **trigger** · project demo · stopped before acting on any task'
    )
    const listed = renderSummaryMarkdown({
      ...base,
      operation: 'list-workflows',
      result: 'success',
      data: [{}, {}]
    })
    expect(listed.split('\n')[2]).toBe(
      'Operation **list-workflows** · project demo · returned 2 entries (output `data`)'
    )
    expect(`${stopped}${listed}`).not.toMatch(/^Task\b|\[Task\]/m)
  })
})

describe('writeSummary', () => {
  it('adds the rendered markdown and writes it', async () => {
    const added: string[] = []
    let writes = 0
    const writer: SummaryWriter = {
      addRaw(text) {
        added.push(text)
        return writer
      },
      write: async () => {
        writes++
      }
    }
    await writeSummary(passed, writer)
    expect(added).toEqual([renderSummaryMarkdown(passed)])
    expect(writes).toBe(1)
  })

  it("clips a summary beyond GitHub's 1 MiB limit at a line break and says so", async () => {
    let written = ''
    const writer: SummaryWriter = {
      addRaw(text) {
        written += text
        return writer
      },
      write: async () => undefined
    }
    const stage = { name: '中'.repeat(150), status: 'passed', jobs: [] }
    await writeSummary(
      { ...passed, stages: Array.from({ length: 5000 }, () => stage) },
      writer
    )
    expect(Buffer.byteLength(written)).toBeLessThan(1_000_000)
    expect(written).toMatch(/\|\n\n… \(clipped to GitHub’s size limit/)
  })

  it('goes to GITHUB_STEP_SUMMARY by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'))
    const file = join(dir, 'summary.md')
    writeFileSync(file, '')
    const saved = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = file
    try {
      await writeSummary(passed)
      expect(readFileSync(file, 'utf8')).toContain(
        '| ✔ build | svc-a-svc-a-build | ✔ passed | 2m57s |'
      )
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = saved
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('failed jobs in the summary', () => {
  const failedRun: TaskReport = {
    ...passed,
    result: 'failure',
    jobLogs: [
      {
        job: 'build <b>',
        status: 'failed',
        lines: ['step 1', 'a ```` run', 'ERROR: exit 2'],
        total: 250
      }
    ]
  }

  it('shows each log collapsed, fenced by more backticks than the text holds', () => {
    const md = renderSummaryMarkdown(failedRun)
    expect(md).toContain(
      '<details><summary>❌ build &lt;b&gt; (failed): last 3 of 250 log lines</summary>'
    )
    expect(md).toContain(
      '`````text\nstep 1\na ```` run\nERROR: exit 2\n`````\n\n</details>'
    )
  })

  it('keeps only the last lines asked for (the PR comment)', () => {
    const md = renderSummaryMarkdown(failedRun, { logTail: 1 })
    expect(md).toContain('last 1 of 250 log lines')
    expect(md).toContain('```text\nERROR: exit 2\n```')
    expect(md).not.toContain('step 1')
  })

  it('keeps the logs within the characters it is given (the PR comment)', () => {
    const many = Array.from(
      { length: 200 },
      (_, i) => `line ${i} ${'y'.repeat(90)}`
    )
    const md = renderSummaryMarkdown(
      {
        ...failedRun,
        jobLogs: [{ job: 'b', status: 'failed', lines: many, total: 200 }]
      },
      { logChars: 2000 }
    )
    const block = md.slice(md.indexOf('<details>'))
    expect(block.length).toBeLessThan(2300)
    expect(block).toContain('line 199 ')
  })

  it('stays within the job summary limit, keeping the ends of the logs', () => {
    const huge = Array.from(
      { length: 1000 },
      (_, i) => `${i} ${'x'.repeat(3990)}`
    )
    const logs = Array.from({ length: 20 }, (_, i) => ({
      job: `job-${i}`,
      status: 'failed',
      lines: huge,
      total: 1000
    }))
    const md = renderSummaryMarkdown({ ...failedRun, jobLogs: logs })
    expect(md.length).toBeLessThan(1024 * 1024)
    expect(md).toContain(`999 ${'x'.repeat(3990)}`)
    expect(md).not.toContain(`\n0 ${'x'.repeat(3990)}\n`)
  })
})
