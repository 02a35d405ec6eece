// What the `logs` input means for one step: `auto` follows the repository's visibility,
// since a public repository's Actions logs are public (ZadigX logs usually are not).

/** What `logs` means for this step, and the line that says so for `auto`. */
export interface LogChoice {
  mode: 'live' | 'failed' | 'none'
  note?: string
}

/** Resolves `logs: auto` by the repository's visibility: its Actions logs are as public. */
export function chooseLogMode(
  input: 'auto' | 'live' | 'failed' | 'none',
  visibility: 'public' | 'private' | 'internal' | undefined
): LogChoice {
  if (input !== 'auto') return { mode: input }
  if (visibility === 'private' || visibility === 'internal')
    return {
      mode: 'failed',
      note: `logs: auto shows the end of a failed job's ZadigX log, since this repository is ${visibility} (logs: live shows every job's log, none hides them)`
    }
  const why =
    visibility === 'public'
      ? 'this repository is public, and so is this log'
      : 'the repository visibility is unknown (no event payload)'
  return {
    mode: 'none',
    note: `logs: auto shows no ZadigX job logs here: ${why}; set logs: failed or live to show them`
  }
}
