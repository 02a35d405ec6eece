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

/** Collects what core.warning prints (it writes `::warning::` lines to stdout). */
function captureWarnings(): () => string {
  const stdout = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(() => true)
  return () => {
    const printed = stdout.mock.calls.map(c => String(c[0])).join('')
    stdout.mockRestore()
    return printed
  }
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

  it('keeps stages within 256 KB as valid JSON, cutting long names first', () => {
    const warnings = captureWarnings()
    const out = collect({
      ...base,
      stages: [{ name: 'n'.repeat(5_000_000), status: 'passed', jobs: [] }]
    })
    expect(warnings()).toContain('Output stages was clipped to 256 KB')
    const stages = JSON.parse(out.stages ?? '') as { name: string }[]
    expect(stages[0]?.name).toBe(`${'n'.repeat(1999)}…`)
  })

  it('keeps the head of a huge data list within 512 KB and says how much', () => {
    const warnings = captureWarnings()
    const data = Array.from({ length: 2000 }, (_, i) => ({
      id: i,
      text: 'x'.repeat(1000)
    }))
    const out = collect({ ...base, data })
    expect(Buffer.byteLength(out.data ?? '')).toBeLessThanOrEqual(512 * 1024)
    const kept = JSON.parse(out.data ?? '') as { id: number }[]
    expect(kept[0]?.id).toBe(0)
    expect(kept.length).toBeGreaterThan(400)
    expect(warnings()).toContain(
      `only the first ${kept.length} of 2000 entries kept`
    )
  })

  it('leaves data it cannot shorten empty, saying so', () => {
    const warnings = captureWarnings()
    const many = Object.fromEntries(
      Array.from({ length: 600 }, (_, i) => [`k${i}`, 'v'.repeat(1500)])
    )
    expect(collect({ ...base, data: many }).data).toBe('')
    expect(warnings()).toContain(
      'Output data was clipped to 512 KB: left empty'
    )
  })

  it('writes status on one line', () => {
    const out = collect({ ...base, status: 'passed\n::error::x' })
    expect(out.status).toBe('passed :\u200b:error:\u200b:x')
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
