import {
  DurationError,
  formatDuration,
  parseDuration
} from '../src/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1m 30s', 90_000],
    ['500ms', 500],
    ['50ms', 50],
    ['1.5h', 5_400_000],
    ['2H', 7_200_000],
    ['45', 45_000],
    ['2.5', 2500],
    ['.5', 500],
    ['0', 0],
    ['  10s  ', 10_000],
    ['1h0m0s1ms', 3_600_001]
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each([
    ['', /empty/],
    ['-5s', /negative/],
    ['-1', /negative/],
    ['5x', /expected 90s, 15m/],
    ['1h30', /expected/],
    ['h', /expected/],
    ['1d', /expected/],
    ['10 s x', /expected/],
    ['1e400', /expected/],
    ['9'.repeat(400), /expected/]
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(DurationError)
    expect(() => parseDuration(text)).toThrow(message)
  })
})

describe('formatDuration', () => {
  it.each([
    [50, '50ms'],
    [5000, '5s'],
    [2500, '2.5s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [3_600_001, '1h0.001s']
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 1000, 61_500, 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms)
    }
  })
})
