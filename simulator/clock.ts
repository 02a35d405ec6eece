// Virtual time: tasks advance only when this clock moves, so tests never sleep.

/** The simulator's notion of now, in epoch milliseconds. */
export interface VirtualClock {
  now(): number
  /** Jumps ahead; works in both modes. */
  advance(ms: number): void
  /** Calls `listener` after each advance(); returns the way to stop. */
  onAdvance(listener: () => void): () => void
  /** Virtual ms per real ms in realtime mode; undefined in manual mode. */
  readonly speed?: number
}

/** How virtual time passes. */
export type ClockOptions =
  { mode: 'manual' } | { mode: 'realtime'; speed: number }

/** Fixed start of manual time (2025-10-09T08:53:20Z), so runs are reproducible. */
export const DEFAULT_EPOCH_MS = 1_760_000_000_000

/** Manual clocks start at DEFAULT_EPOCH_MS; realtime clocks at the real now. */
export function createClock(
  options: ClockOptions = { mode: 'manual' }
): VirtualClock {
  let offset = 0
  const listeners = new Set<() => void>()
  const advance = (ms: number) => {
    offset += Math.max(0, ms)
    for (const listener of [...listeners]) listener()
  }
  const onAdvance = (listener: () => void) => {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }
  if (options.mode === 'manual') {
    return { now: () => DEFAULT_EPOCH_MS + offset, advance, onAdvance }
  }
  const speed = options.speed > 0 ? options.speed : 1
  const realStart = Date.now()
  return {
    now: () =>
      Math.floor(realStart + (Date.now() - realStart) * speed + offset),
    advance,
    onAdvance,
    speed
  }
}
