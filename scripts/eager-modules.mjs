// Rewrites the module factories of an ncc (webpack) bundle from arrow functions
// into parenthesised function expressions: `123:(e,t,n)=>{…}` becomes
// `123:(function(e,t,n){…})`.
//
// Why: V8 compiles functions lazily. On loading a script it only pre-parses each
// function, and parses it again in full when it is first called. Every factory
// in dist/index.js is called at start-up (the bundle's imports are static), so
// each one was parsed twice; the 52 KB factory of src/main.ts alone took about
// 2 ms. V8 compiles a function at once when `(` comes right before `function`
// (the "PIFE" heuristic; it does not apply to arrow functions), which removes
// the second parse: about 3.5 ms less from start to first request on Node 20
// (`npm run bench`). Inner functions stay lazy: what a run does not call is
// still only pre-parsed.
//
// A factory is rewritten only if its own body (outside nested functions and
// classes) uses neither `this`, `arguments`, `new.target` nor `super`, which an
// arrow function and a function expression would see differently.
import ts from 'typescript'

/**
 * Returns `source` with the factories of its module tables rewritten, and how
 * many were rewritten. Module tables are the object literals a top-level
 * `var`/`const` declares (index.js: `var t={…}`; chunks:
 * `export const modules={…}`) whose property values are functions.
 */
export function eagerModuleFactories(source, fileName = 'bundle.js') {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS
  )
  const edits = []
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue
    for (const declaration of statement.declarationList.declarations) {
      const table = declaration.initializer
      if (!table || !ts.isObjectLiteralExpression(table)) continue
      for (const property of table.properties) {
        if (!ts.isPropertyAssignment(property)) continue
        const factory = property.initializer
        if (!ts.isArrowFunction(factory) || !ts.isBlock(factory.body)) continue
        if (factory.modifiers?.length) continue // async factories: left as they are
        const why = arrowOnlySemantics(factory.body)
        if (why) {
          throw new Error(
            `${fileName}: module ${property.name.getText(file)} uses ${why}; it cannot become a function expression`
          )
        }
        const head = source.slice(
          factory.getStart(file),
          factory.equalsGreaterThanToken.getStart(file)
        )
        const params = head.trim().startsWith('(')
          ? head.trim()
          : `(${head.trim()})`
        const body = source.slice(factory.body.getStart(file), factory.body.end)
        edits.push({
          start: factory.getStart(file),
          end: factory.end,
          text: `(function${params}${body})`
        })
      }
    }
  }
  let code = source
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end)
  }
  return { code, count: edits.length }
}

// What an arrow function takes from its surroundings but a function expression
// has of its own, found in `body` outside nested functions and class members.
function arrowOnlySemantics(body) {
  let found
  const visit = node => {
    if (found) return
    if (node.kind === ts.SyntaxKind.ThisKeyword) found = '`this`'
    else if (node.kind === ts.SyntaxKind.SuperKeyword) found = '`super`'
    else if (isArgumentsReference(node)) found = '`arguments`'
    else if (
      ts.isMetaProperty(node) &&
      node.keywordToken === ts.SyntaxKind.NewKeyword
    )
      found = '`new.target`'
    else if (ownsThis(node)) return
    else ts.forEachChild(node, visit)
  }
  ts.forEachChild(body, visit)
  return found
}

function isArgumentsReference(node) {
  if (!ts.isIdentifier(node) || node.text !== 'arguments') return false
  const parent = node.parent
  const isName =
    (ts.isPropertyAccessExpression(parent) ||
      ts.isPropertyAssignment(parent)) &&
    parent.name === node
  return !isName
}

// Nodes inside which `this` and `arguments` no longer mean the factory's own.
function ownsThis(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isClassStaticBlockDeclaration(node)
  )
}
