import { findPendingApproval } from '../../src/zadig/approval-gate.js'
import { isTerminal, resultOf } from '../../src/zadig/status.js'
import { taskFixture as fixture } from '../helpers/fixtures.js'

describe('status mapping', () => {
  it.each([
    ['passed', 'success'],
    ['failed', 'failure'],
    ['timeout', 'timeout'],
    ['cancelled', 'cancelled'],
    ['reject', 'rejected'],
    ['waitforapprove', 'waiting-approval'],
    ['running', 'running'],
    ['PASSED', 'success']
  ])('%s -> %s', (status, result) => {
    expect(resultOf(status)).toBe(result)
  })

  it('knows the terminal statuses', () => {
    expect(isTerminal('passed')).toBe(true)
    expect(isTerminal('reject')).toBe(true)
    expect(isTerminal('waitforapprove')).toBe(false)
    expect(isTerminal(undefined)).toBe(false)
  })
})

describe('findPendingApproval', () => {
  it('finds a v1.7 stage approval', () => {
    const gate = findPendingApproval(fixture('waiting-approval'))
    expect(gate).toMatchObject({
      model: 'stage',
      target: 'release',
      approvers: ['alice']
    })
  })

  it('finds a current approval job by its job-task name', () => {
    const gate = findPendingApproval(fixture('waiting-approval-head'))
    expect(gate?.model).toBe('job')
    expect(gate?.target).toMatch(/^job-\d+-\d+-0-/)
    expect(gate?.approvers).toEqual(['alice'])
  })

  it('finds a Zadig v5.0 AI release check waiting for its confirm users', () => {
    const task = fixture('waiting-approval-head')
    const job = task
      .stages!.flatMap(s => s.jobs ?? [])
      .find(j => j.type === 'approval')!
    Object.assign(job, {
      type: 'ai-release-specialist',
      name: 'job-1-0-0-ai-check',
      display_name: 'ai-check',
      spec: {
        require_manual_confirm: true,
        native_approval: {
          approve_users: [{ user_id: 'uid-bob', user_name: 'bob' }],
          needed_approvers: 1
        }
      }
    })
    expect(findPendingApproval(task)).toMatchObject({
      model: 'job',
      jobType: 'ai-release-specialist',
      target: 'job-1-0-0-ai-check',
      label: 'ai-check',
      type: 'native',
      approvers: ['bob'],
      voters: [{ name: 'bob', id: 'uid-bob', decision: '' }]
    })
  })

  it('finds nothing on a running task', () => {
    expect(findPendingApproval(fixture('running'))).toBeNull()
  })
})
