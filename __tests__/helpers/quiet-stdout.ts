// Jest setup: the action masks its token with `::add-mask::` lines on stdout, which the
// runner consumes and never shows. Unit tests that read inputs would print one each;
// they are dropped here so that `npm test` shows only what a person should read.
// Tests that look at stdout replace process.stdout.write themselves and see every line.
const write = process.stdout.write.bind(process.stdout)

process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
  const kept = text
    .split(/(?<=\n)/)
    .filter(line => !line.startsWith('::add-mask::'))
    .join('')
  if (kept === '') return true
  return (write as (...args: unknown[]) => boolean)(kept, ...rest)
}) as typeof process.stdout.write
