import {
  clip,
  clipDocument,
  forMarkdown,
  forOneLine
} from '../src/server-text.js'

describe('clip', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(clip('abc', 3)).toBe('abc')
    expect(clip('abcdef', 4)).toBe('abc…')
  })

  it('never leaves half of a surrogate pair', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…')
  })
})

describe('clipDocument', () => {
  const doc = ['# title', '| a | b |', '| c | d |', '| e | f |'].join('\n')

  it('keeps a document that fits', () => {
    expect(clipDocument(doc, doc.length, '\n(clipped)')).toBe(doc)
  })

  it('cuts at the last line break that fits and adds the note', () => {
    const cut = clipDocument(doc, 30, '\n(clipped)')
    expect(cut).toBe('# title\n| a | b |\n(clipped)')
    expect(cut.length).toBeLessThanOrEqual(30)
  })

  it('measures UTF-8 bytes when asked', () => {
    const wide = Array.from({ length: 100 }, () => '中'.repeat(10)).join('\n')
    const cut = clipDocument(wide, 100, '\n…', 'bytes')
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(100)
    expect(cut).toBe(`${Array(3).fill('中'.repeat(10)).join('\n')}\n…`)
  })
})

describe('forOneLine', () => {
  it('puts text on one line without control characters or workflow commands', () => {
    expect(forOneLine('a\r\n::error::x\u0007\u001b[31m\u2028b')).toBe(
      'a :\u200b:error:\u200b:x [31m b'
    )
  })

  it('clips to 200 characters unless told otherwise', () => {
    expect(forOneLine('x'.repeat(500))).toHaveLength(200)
    expect(forOneLine('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`)
    expect(forOneLine(undefined)).toBe('')
  })
})

describe('forMarkdown', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<b>', '&lt;b&gt;'],
    ['a|b', 'a&#124;b'],
    ['`code`', '&#96;code&#96;'],
    ['[x](y)', '&#91;x&#93;(y)'],
    ['*_~\\', '&#42;&#95;&#126;&#92;'],
    [':::x', ':&#58;:x'],
    ['a\n\nb', 'a b'],
    ['tab\there', 'tab here'],
    ['@team', '@\u200bteam'],
    ['see #12', 'see #\u200b12'],
    ['GH-12 and gh-3', 'GH-\u200b12 and gh-\u200b3'],
    ['#tag', '#tag'],
    ['https://x.io/a', 'https:\u200b//x.io/a'],
    ['www.x.io', 'www\u200b.x.io'],
    ['a@b.io', 'a@\u200bb.io'],
    [undefined, ''],
    [42, '42']
  ])('%p -> %p', (text, escaped) => {
    expect(forMarkdown(text)).toBe(escaped)
  })

  it('leaves the entities it writes intact', () => {
    expect(forMarkdown('|#1')).toBe('&#124;#\u200b1')
  })
})
