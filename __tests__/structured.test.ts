import {
  StructuredError,
  describeValue,
  isMapping,
  loadYaml,
  parseStructured,
  parseStructuredDocument,
  quote,
  scalarText
} from '../src/structured.js'

await loadYaml()

describe('parseStructured', () => {
  it('reads YAML and JSON with the core schema', () => {
    expect(parseStructured('a: on\nb: yes\nc: true\nd: 0o17\ne: ~')).toEqual({
      a: 'on',
      b: 'yes',
      c: true,
      d: 15,
      e: null
    })
    expect(parseStructured('{"a": [1, "x"]}')).toEqual({ a: [1, 'x'] })
    expect(parseStructured('')).toBeNull()
  })

  it('throws a StructuredError with the line and column', () => {
    let error: unknown
    try {
      parseStructured('a: 1\nb: [1,\nc: 2')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(StructuredError)
    expect(error).toMatchObject({ line: 3, column: 1 })
    expect((error as Error).message).toMatch(/^line 3, column 1: /)
  })

  it('refuses several documents, duplicate keys and unresolved aliases', () => {
    expect(() => parseStructured('a: 1\n---\nb: 2')).toThrow(
      /line 2, column 1: Source contains multiple documents/
    )
    expect(() => parseStructured('a: 1\na: 2')).toThrow(
      'line 2, column 1: Map keys must be unique'
    )
    expect(() => parseStructured('a: *x')).toThrow(/^Unresolved alias/)
  })

  it('stops alias expansion bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i)
      const next = String.fromCharCode(97 + i)
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`)
    }
    expect(() => parseStructured(lines.join('\n'))).toThrow(StructuredError)
  })
})

describe('scalarText', () => {
  const doc = parseStructuredDocument(
    'n: 1.10\ni: 007\nb: TRUE\ns: "q"\nz:\nl: [1]\nr: &r 2.50\nk: *r'
  )
  const node = (key: string): unknown => doc.get(key, true)

  it('keeps numbers as written and turns other scalars into text', () => {
    expect(scalarText(node('n'), doc)).toBe('1.10')
    expect(scalarText(node('i'), doc)).toBe('007')
    expect(scalarText(node('b'), doc)).toBe('true')
    expect(scalarText(node('s'), doc)).toBe('q')
    expect(scalarText(node('z'), doc)).toBe('')
    expect(scalarText(node('k'), doc)).toBe('2.50')
    expect(scalarText(null, doc)).toBe('')
  })

  it('returns undefined for lists and mappings', () => {
    expect(scalarText(node('l'), doc)).toBeUndefined()
  })
})

describe('helpers', () => {
  it('tells mappings apart', () => {
    expect(isMapping({})).toBe(true)
    expect(isMapping([])).toBe(false)
    expect(isMapping(null)).toBe(false)
    expect(isMapping('a')).toBe(false)
  })

  it('describes values for messages', () => {
    expect(describeValue(undefined)).toBe('nothing')
    expect(describeValue(null)).toBe('nothing')
    expect(describeValue([1])).toBe('a list')
    expect(describeValue({})).toBe('a mapping')
    expect(describeValue('x')).toBe('the text "x"')
    expect(describeValue(3)).toBe('the number 3')
    expect(describeValue(false)).toBe('the value false')
  })

  it('quotes values on one line and cuts long ones', () => {
    expect(quote('a\n::add-mask::x')).toBe('"a\\n::add-mask::x"')
    expect(quote('x'.repeat(70))).toBe(`"${'x'.repeat(60)}…"`)
  })
})
