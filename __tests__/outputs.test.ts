import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeOutputs } from '../src/outputs.js'
import type { TaskReport } from '../src/report.js'

const base: TaskReport = {
  operation: 'trigger',
  projectKey: 'demo',
  workflowKey: 'build-deploy',
  result: 'failure',
  stages: []
}

function collect(report: TaskReport): Record<string, string> {
  const out: Record<string, string> = {}
  writeOutputs(report, (name, value) => {
    out[name] = value
  })
  return out
}

describe('writeOutputs', () => {
  it('writes every key, empty, when there is no task', () => {
    expect(collect(base)).toEqual({
      'task-id': '',
      status: '',
      result: 'failure',
      'task-url': '',
      duration: '',
      stages: '[]'
    })
  })

  it('writes the task as compact values', () => {
    const out = collect({
      ...base,
      taskId: 58,
      status: 'passed',
      result: 'success',
      taskUrl: 'https://z/58',
      durationSeconds: 329.6,
      stages: [
        {
          name: 'build',
          status: 'passed',
          durationSeconds: 178,
          jobs: [{ name: 'b', type: 'zadig-build', status: 'passed' }]
        }
      ]
    })
    expect(out).toMatchObject({
      'task-id': '58',
      status: 'passed',
      result: 'success',
      'task-url': 'https://z/58',
      duration: '330'
    })
    expect(out.stages).toBe(
      '[{"name":"build","status":"passed","durationSeconds":178,"jobs":[{"name":"b","type":"zadig-build","status":"passed"}]}]'
    )
    expect(out.data).toBeUndefined()
  })

  it('writes data for list and get operations, even when it is null', () => {
    expect(collect({ ...base, data: [{ a: 1 }] }).data).toBe('[{"a":1}]')
    expect(collect({ ...base, data: null }).data).toBe('null')
  })

  it('writes data that cannot be serialised as empty', () => {
    const loop: Record<string, unknown> = {}
    loop.self = loop
    expect(collect({ ...base, data: loop }).data).toBe('')
  })

  it('never throws, and keeps writing after a failing output', () => {
    const stdout = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true)
    const names: string[] = []
    const printed: string[] = []
    try {
      expect(() =>
        writeOutputs(base, name => {
          names.push(name)
          if (name === 'status') throw new Error('disk full')
        })
      ).not.toThrow()
      printed.push(...stdout.mock.calls.map(c => String(c[0])))
    } finally {
      stdout.mockRestore()
    }
    expect(names).toEqual([
      'task-id',
      'status',
      'result',
      'task-url',
      'duration',
      'stages'
    ])
    expect(printed.join('')).toContain(
      '::warning::Could not set output status: Error: disk full'
    )
  })

  it('goes to GITHUB_OUTPUT by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outputs-'))
    const file = join(dir, 'output')
    writeFileSync(file, '')
    const saved = process.env.GITHUB_OUTPUT
    process.env.GITHUB_OUTPUT = file
    try {
      writeOutputs({ ...base, taskId: 58 })
      const text = readFileSync(file, 'utf8')
      expect(text).toMatch(/^task-id<<(\S+)\n58\n\1$/m)
      expect(text).toMatch(/^result<<(\S+)\nfailure\n\1$/m)
    } finally {
      if (saved === undefined) delete process.env.GITHUB_OUTPUT
      else process.env.GITHUB_OUTPUT = saved
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
