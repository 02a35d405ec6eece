// logs: auto by the repository's visibility.
import { chooseLogMode } from '../../src/follow/log-mode.js'

describe('chooseLogMode', () => {
  it('is failed on private and internal repositories, none on public or unknown ones', () => {
    expect(chooseLogMode('auto', 'private').mode).toBe('failed')
    expect(chooseLogMode('auto', 'internal').mode).toBe('failed')
    expect(chooseLogMode('auto', 'public')).toMatchObject({
      mode: 'none',
      note: expect.stringMatching(/public/)
    })
    expect(chooseLogMode('auto', undefined)).toMatchObject({
      mode: 'none',
      note: expect.stringMatching(/unknown/)
    })
  })

  it('takes an explicit mode as it is, without a note', () => {
    expect(chooseLogMode('live', 'public')).toEqual({ mode: 'live' })
    expect(chooseLogMode('none', 'private')).toEqual({ mode: 'none' })
  })
})
