// scripts/eager-modules.mjs: the build step that makes V8 compile the bundle's
// module factories once instead of twice (start-up time, see `npm run bench`).
import { readdirSync, readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { eagerModuleFactories } from '../scripts/eager-modules.mjs'

// The shape ncc gives dist/index.js: a table of factories and a require function.
const BUNDLE = `var t={
10:(e,t,n)=>{n.d(t,{greet:()=>greet});const r=n(20);function greet(x){return r.prefix+x+"!"}},
20:e=>{e.exports={prefix:"hello "}},
30:(e,t,n)=>{class A{constructor(){this.v=arguments.length}}function f(){return this}e.exports={n:new A(1,2).v,self:f.call(7),name:({arguments:"a"}).arguments}}
};
var cache={};
function req(id){if(cache[id])return cache[id].exports;var m=cache[id]={exports:{}};t[id](m,m.exports,req);return m.exports}
req.d=(ex,defs)=>{for(const k in defs)Object.defineProperty(ex,k,{enumerable:true,get:defs[k]})};
result=[req(10).greet("zadig"),req(30).n,String(req(30).self),req(30).name];`

function evaluate(code: string): unknown {
  const context: { result?: unknown } = {}
  runInNewContext(code, context)
  return context.result
}

describe('eagerModuleFactories', () => {
  it('turns each arrow factory into a parenthesised function that behaves the same', () => {
    const { code, count } = eagerModuleFactories(BUNDLE)
    expect(count).toBe(3)
    expect(code).toContain('10:(function(e,t,n){n.d(t,')
    expect(code).toContain('20:(function(e){e.exports=')
    expect(code).not.toMatch(/\d+:\(?[a-z,()]*=>\{/)
    expect(evaluate(code)).toEqual(evaluate(BUNDLE))
    expect(evaluate(code)).toEqual(['hello zadig!', 2, '7', 'a'])
  })

  it('rewrites the module table of a chunk file', () => {
    const chunk =
      'export const id=5;export const ids=[5];export const modules={7:(e,t,s)=>{e.exports=1},8:e=>{e.exports=2}};'
    const { code, count } = eagerModuleFactories(chunk, '5.index.js')
    expect(count).toBe(2)
    expect(code).toBe(
      'export const id=5;export const ids=[5];export const modules={7:(function(e,t,s){e.exports=1}),8:(function(e){e.exports=2})};'
    )
  })

  it.each([
    ['this', 'e.exports=this'],
    ['arguments', 'e.exports=arguments[0]'],
    ['super', 'e.exports=()=>super.x'],
    ['new.target', 'e.exports=new.target']
  ])(
    'refuses a factory whose own body uses %s, naming the file and the module',
    (word, body) => {
      const source = `var t={42:(e,t,n)=>{${body}}};`
      expect(() => eagerModuleFactories(source, 'index.js')).toThrow(
        `index.js: module 42 uses \`${word}\``
      )
    }
  )

  it('leaves async factories, expression bodies and other code alone', () => {
    const source =
      'var t={1:async(e)=>{await e},2:e=>e.exports};var n=5;const o={a:1};function f(){return n}'
    expect(eagerModuleFactories(source)).toEqual({ code: source, count: 0 })
  })

  it('has been applied to every file of dist/ (nothing is left to rewrite)', () => {
    const files = readdirSync('dist').filter(name => /index\.js$/.test(name))
    expect(files).toContain('index.js')
    for (const name of files) {
      const text = readFileSync(`dist/${name}`, 'utf8')
      expect(text).toContain(':(function(')
      expect(eagerModuleFactories(text, name).count).toBe(0)
    }
  })
})
