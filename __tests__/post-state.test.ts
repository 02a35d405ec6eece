// State between the main and the post step (GITHUB_STATE, then STATE_* variables).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  isPostStep,
  loadTrackedTask,
  markMainStep,
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
  it('is the main step until the main step has said otherwise', () => {
    expect(isPostStep()).toBe(false)
    markMainStep()
    expect(stateFile()).toMatch(/^isPost<<(.+)\ntrue\n\1\n$/)
  })

  it('is the post step when the runner passes isPost back', () => {
    process.env.STATE_isPost = 'true'
    expect(isPostStep()).toBe(true)
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
