import { describe, expect, it } from 'vitest'
import { mergeImports, scanImports, selectionKey } from '../../../src/dts/imports'

/** What scanImports found, as plain data: per API, '*' (everything) or the sorted names. */
function scan(code: string): Record<string, string> {
  const found = scanImports(code)
  return Object.fromEntries([...found].map(([api, imports]) => [api, selectionKey(imports)]))
}

describe('scanImports', () => {
  it.each([
    [
      'named imports, `as` and inline `type`',
      `import { listPets, showPetById as show, type Pet } from 'virtual:api/petstore'`,
      { petstore: 'Pet,listPets,showPetById' },
    ],
    ['a type-only import', `import type { ListPetsData } from "virtual:api/petstore"`, { petstore: 'ListPetsData' }],
    ['over several lines, with a trailing comma', `import {\n  a,\n  b as c,\n} from 'virtual:api/multi';`, { multi: 'a,b' }],
    ['a default import takes everything', `import api, { x } from 'virtual:api/github'`, { github: '*' }],
    ['a namespace import takes everything', `import * as ns from 'virtual:api/ns'`, { ns: '*' }],
    ['`default` by name takes everything', `export { y, default as z } from 'virtual:api/re'`, { re: '*' }],
    ['`createClient` hands out every operation', `import { createClient, configure } from 'virtual:api/p'`, { p: '*' }],
    ['`configure` alone needs no operation', `import { configure } from 'virtual:api/p'`, { p: 'configure' }],
    ['`export *` takes everything', `export * from 'virtual:api/star'`, { star: '*' }],
    ['a dynamic import takes everything', `const m = await import('virtual:api/dyn')`, { dyn: '*' }],
    ['the query module types every operation', `import { listPetsQueryOptions } from 'virtual:api/petstore/query'`, { petstore: '*' }],
    ['the mocks module needs no operation', `import { handlers } from 'virtual:api/petstore/mocks'`, { petstore: '' }],
    ['a side-effect import names nothing', `import 'virtual:api/side'`, {}],
    [
      'comments are not imports',
      `/** Use it as \`import api from 'virtual:api/p'\` */\n// import * as all from 'virtual:api/p'\nimport { a } from 'virtual:api/p'`,
      { p: 'a' },
    ],
    ['a comment marker inside a string is a string', `const url = 'https://x/*'\nimport { a } from 'virtual:api/p'\nconst end = '*/'`, { p: 'a' }],
    ['other modules are not ours', `import { listPets } from './virtual:api/x.js'; import { a } from 'vue'`, {}],
  ])('%s', (_, code, expected) => {
    expect(scan(code)).toEqual(expected)
  })

  it('marks an import of the mocks module, static or dynamic, and only that', () => {
    const mocks = (code: string) => Object.fromEntries([...scanImports(code)].map(([api, imports]) => [api, imports.mocks]))
    expect(mocks(`import handlers from 'virtual:api/p/mocks'`)).toEqual({ p: true })
    expect(mocks(`const m = await import('virtual:api/p/mocks')`)).toEqual({ p: true })
    expect(mocks(`import { a } from 'virtual:api/p'; import { q } from 'virtual:api/p/query'`)).toEqual({ p: false })
    const union = mergeImports(scanImports(`import { a } from 'virtual:api/p'`), scanImports(`import { handlers } from 'virtual:api/p/mocks'`))
    expect(union.get('p')).toMatchObject({ mocks: true, all: false, names: new Set(['a']) })
  })

  it('reads several imports of one file, in a Vue component too', () => {
    const sfc = `<script setup lang="ts">\nimport { listPets } from 'virtual:api/pets'\nimport { getRepo } from 'virtual:api/github'\nimport { showPetById } from 'virtual:api/pets'\n</script>\n<template><p/></template>`
    expect(scan(sfc)).toEqual({ pets: 'listPets,showPetById', github: 'getRepo' })
  })

  it('merges files into one set, where one file taking everything wins', () => {
    const union = mergeImports(scanImports(`import { a } from 'virtual:api/x'`), scanImports(`import { b, a } from 'virtual:api/x'`))
    expect(selectionKey(union.get('x'))).toBe('a,b')
    mergeImports(union, scanImports(`import x from 'virtual:api/x'`))
    expect(selectionKey(union.get('x'))).toBe('*')
    expect(selectionKey(undefined)).toBe('')
  })
})
