// The ranges of the duration inputs. Each wait is one timer: Node holds at most
// 2^31-1 ms (24.8 days) in one and fires a longer one at once, so no input comes near.

const SECOND = 1000
const HOUR = 3_600_000

/** `timeout`: up to 120 h (5 days), GitHub's longest job on a self-hosted runner. */
export const TIMEOUT_RANGE = { fallback: HOUR, min: 1, max: 120 * HOUR }

/** `request-timeout`: one call; up to 1 h. */
export const REQUEST_TIMEOUT_RANGE = {
  fallback: 30 * SECOND,
  min: 1,
  max: HOUR
}

// Polling faster than once a second loads the server for nothing; a ZadigX on this
// machine (the simulator, in tests) may be polled every 5 ms.
const POLL_FLOOR_MS = SECOND
const LOOPBACK_POLL_FLOOR_MS = 5

/** `poll-interval` for a ZadigX at `url`: from 1 s (5 ms on loopback) to 1 h. */
export function pollIntervalRange(url: string) {
  const min = isLoopback(url) ? LOOPBACK_POLL_FLOOR_MS : POLL_FLOOR_MS
  return { fallback: 5 * SECOND, min, max: HOUR }
}

function isLoopback(url: string): boolean {
  if (!URL.canParse(url)) return false
  const host = new URL(url).hostname
  return (
    host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
  )
}
