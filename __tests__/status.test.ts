import {
  findPendingApproval,
  isTerminal,
  resultOf
} from '../src/zadig/status.js'
import { taskFixture as fixture } from './helpers/fixtures.js'

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

  it('finds nothing on a running task', () => {
    expect(findPendingApproval(fixture('running'))).toBeNull()
  })
})
