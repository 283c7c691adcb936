import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OptionsError } from '../../../src/errors'
import { resolveOptions } from '../../../src/core/options'

const SPEC = resolve(__dirname, '../../../playground/vite-app/petstore.yaml')

describe('the mock option', () => {
  it('turns every API on globally; an API can opt out, and is off by default', () => {
    const on = resolveOptions({ apis: { a: SPEC, b: { spec: SPEC, mock: false } }, mock: true })
    expect(on.apis.get('a')?.mock).toBe(true)
    expect(on.apis.get('b')?.mock).toBe(false)
    const off = resolveOptions({ apis: { a: SPEC, b: { spec: SPEC, mock: true } } })
    expect(off.apis.get('a')?.mock).toBeUndefined()
    expect(off.apis.get('b')?.mock).toBe(true)
  })

  it('names the option when it is not a boolean', () => {
    expect(() => resolveOptions({ apis: { a: SPEC }, mock: 'yes' })).toThrow(OptionsError)
    expect(() => resolveOptions({ apis: { a: SPEC }, mock: 'yes' })).toThrow(/mock.*expected true or false/)
    expect(() => resolveOptions({ apis: { a: { spec: SPEC, mock: 1 } } })).toThrow(/apis\.a\.mock.*expected true or false/)
  })
})
