// Logging with untrusted server text neutralised.
import * as core from '@actions/core'

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
 * keeps the text readable while breaking the command syntax.
 */
export function untrusted(text: unknown): string {
  const s = typeof text === 'string' ? text : String(text ?? '')
  return s.replace(/::/g, ':\u200b:').replace(/##\[/g, '#\u200b#[')
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
