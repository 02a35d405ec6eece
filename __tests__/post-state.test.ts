// State between the main and the post step (GITHUB_STATE, then STATE_* variables).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  POST_FLAG,
  isPostStep,
  loadTrackedTask,
  saveTrackedTask
} from '../src/post-state.js'

let dir: string
const saved = { ...process.env }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zadigx-state-'))
  process.env.GITHUB_STATE = join(dir, 'state')
  writeFileSync(process.env.GITHUB_STATE, '')
  for (const key of Object.keys(process.env))
    if (key.startsWith('STATE_')) delete process.env[key]
})

afterEach(() => {
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
})

const stateFile = () => readFileSync(join(dir, 'state'), 'utf8')

describe('which step this is', () => {
  it('is the main step unless the post entry flagged it, whatever the state says', () => {
    process.env.STATE_isPost = 'true'
    expect(isPostStep()).toBe(false)
    const flags = globalThis as Record<string, unknown>
    flags[POST_FLAG] = true
    try {
      expect(isPostStep()).toBe(true)
    } finally {
      delete flags[POST_FLAG]
    }
  })
})

describe('the tracked task', () => {
  it('is saved as JSON for the post step', () => {
    saveTrackedTask({ workflowKey: 'w', taskId: 7, done: false })
    expect(stateFile()).toContain('{"workflowKey":"w","taskId":7,"done":false}')
  })

  it('is read back, and ignored when missing or unreadable', () => {
    expect(loadTrackedTask()).toBeUndefined()
    process.env['STATE_zadigx-task'] = '{"workflowKey":"w","taskId":7}'
    expect(loadTrackedTask()).toEqual({
      workflowKey: 'w',
      taskId: 7,
      done: false
    })
    process.env['STATE_zadigx-task'] = '{"taskId":"7"}'
    expect(loadTrackedTask()).toBeUndefined()
    process.env['STATE_zadigx-task'] = '{not json'
    expect(loadTrackedTask()).toBeUndefined()
  })
})

describe('a trigger in flight', () => {
  const sent = [{ job: 'build', name: 'kv:MODE', digest: 'ab12' }]

  it('is read back without a task id, with what the trigger sent', () => {
    process.env['STATE_zadigx-task'] = JSON.stringify({
      workflowKey: 'w',
      trigger: { afterTaskId: 10, creator: 'admin', sent },
      done: false
    })
    expect(loadTrackedTask()).toEqual({
      workflowKey: 'w',
      trigger: { afterTaskId: 10, creator: 'admin', sent },
      done: false
    })
  })

  it('is ignored when what was sent is not a list of digests', () => {
    process.env['STATE_zadigx-task'] = JSON.stringify({
      workflowKey: 'w',
      trigger: { afterTaskId: 10, sent: [{ job: 'build' }] },
      done: false
    })
    expect(loadTrackedTask()).toBeUndefined()
  })
})
