// Logging with untrusted server text neutralised and secrets scrubbed.
import * as core from '@actions/core'
import { scrub } from './secrets.js'
import { clip, ERROR_MAX } from './server-text.js'

/** Where the action writes its log; tests pass a recorder. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  error(message: string): void
  debug(message: string): void
}

/**
 * Makes server-supplied text safe to print: the runner treats a line that starts with
 * `::` (or `##[`) as a workflow command, so text from ZadigX could otherwise add a mask,
 * set an output or stop command processing. A zero-width space after the first colon
 * keeps the text readable while breaking the command syntax. Clipped to 2000
 * characters: a server can send megabytes as a name. (One parameter only: callers
 * pass it to `map`.)
 */
export function untrusted(text: unknown): string {
  const s = typeof text === 'string' ? text : String(text ?? '')
  return clip(s, ERROR_MAX)
    .replace(/::/g, ':\u200b:')
    .replace(/##\[/g, '#\u200b#[')
}

/** The message of a thrown value, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** The runner's log through @actions/core. */
export const actionsLogger: Logger = {
  info: m => core.info(m),
  warning: m => core.warning(m),
  error: m => core.error(m),
  debug: m => core.debug(m)
}

/** The longest message written to the log: a server can send megabytes of names. */
export const LOG_MESSAGE_MAX = 20_000

/** Scrubs secrets from a log message (src/secrets.ts), then cuts it to `LOG_MESSAGE_MAX`. */
export function forLog(message: string): string {
  return clip(scrub(message), LOG_MESSAGE_MAX)
}

/**
 * `log` with every message passed through forLog(): the one logger run() and runPost()
 * hand to everything, so no code path can log a token a server echoed.
 */
export function scrubbingLogger(log: Logger): Logger {
  return {
    info: m => log.info(forLog(m)),
    warning: m => log.warning(forLog(m)),
    error: m => log.error(forLog(m)),
    debug: m => log.debug(forLog(m))
  }
}
