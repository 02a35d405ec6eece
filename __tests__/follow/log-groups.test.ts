// Job logs in groups: what a reader of the GitHub log sees when jobs run side by side.
import type { Logger } from '../../src/log.js'
import {
  CHUNK_MS,
  createLogGroups,
  MAX_LINE_CHARS,
  safeLine
} from '../../src/follow/log-groups.js'

function recorder() {
  const lines: string[] = []
  const log: Logger = {
    info: m => lines.push(m),
    warning: m => lines.push(`::warning::${m}`),
    error: m => lines.push(`::error::${m}`),
    debug: m => lines.push(`::debug::${m}`)
  }
  return { lines, log }
}

describe('createLogGroups', () => {
  it("prints the group holder's lines at once and the other job's when the holder ends", () => {
    const { lines, log } = recorder()
    const groups = createLogGroups(log, () => 0)
    groups.line('build', 'b1')
    groups.line('test', 't1')
    groups.line('build', 'b2')
    expect(lines).toEqual(['::group::build', 'b1', 'b2'])
    groups.end('build')
    groups.line('test', 't2')
    groups.end('test')
    expect(lines).toEqual([
      '::group::build',
      'b1',
      'b2',
      '::endgroup::',
      '::group::test',
      't1',
      't2',
      '::endgroup::'
    ])
  })

  it('hands the group over when another job has waited CHUNK_MS, and back as "(continued)"', () => {
    const { lines, log } = recorder()
    let now = 0
    const groups = createLogGroups(log, () => now)
    groups.line('build', 'b1')
    groups.line('test', 't1')
    now = CHUNK_MS
    groups.line('build', 'b2')
    expect(lines).toEqual([
      '::group::build',
      'b1',
      'b2',
      '::endgroup::',
      '::group::test',
      't1'
    ])
    now = 2 * CHUNK_MS
    groups.line('build', 'b3')
    groups.line('build', 'b4')
    groups.close()
    expect(lines.slice(6)).toEqual([
      '::endgroup::',
      '::group::build (continued)',
      'b3',
      'b4',
      '::endgroup::'
    ])
  })

  it("closes the group before the action's own lines", () => {
    const { lines, log } = recorder()
    const groups = createLogGroups(log, () => 0)
    groups.line('build', 'b1')
    groups.outside.info('✔ job build passed')
    groups.outside.debug('inside is fine for debug')
    groups.line('build', 'b2')
    groups.end('build')
    expect(lines).toEqual([
      '::group::build',
      'b1',
      '::endgroup::',
      '✔ job build passed',
      '::debug::inside is fine for debug',
      '::group::build (continued)',
      'b2',
      '::endgroup::'
    ])
  })

  it('prints no group for a job that wrote nothing', () => {
    const { lines, log } = recorder()
    const groups = createLogGroups(log, () => 0)
    groups.end('deploy')
    groups.close()
    expect(lines).toEqual([])
  })

  it('neutralises a job name that carries a command', () => {
    const { lines, log } = recorder()
    createLogGroups(log, () => 0).block('x::endgroup::\n::error::y', ['l'])
    expect(lines[0]).toMatch(
      /^::group::x:\u200b:endgroup:\u200b: :\u200b:error/
    )
  })
})

describe('safeLine', () => {
  it('breaks workflow commands anywhere in the line', () => {
    for (const text of [
      '::set-output name=a::b',
      '  ::add-mask::x',
      '##[group]y',
      'a ::stop-commands::t'
    ])
      expect(safeLine(text)).not.toMatch(/::|##\[/)
  })

  it('removes colour codes and control characters, keeps tabs', () => {
    expect(safeLine('\x1b[31mred\x1b[0m\tend\x07\x00')).toBe('red\tend')
  })

  it('cuts very long lines', () => {
    const line = safeLine('x'.repeat(MAX_LINE_CHARS * 2))
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 60)
    expect(line).toMatch(/line cut at 1900 characters\)$/)
  })
})
