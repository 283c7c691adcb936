import { describe, expect, it } from 'vitest'
import { indexKey, jsLiteral, propertyKey, toCamelIdentifier, toPascalIdentifier, uniqueName } from '../../../src/codegen/literals'

describe('jsLiteral', () => {
  it('escapes what could end a script element or break old parsers', () => {
    const literal = jsLiteral({ text: '</script><!-- \u2028\u2029 "quoted"' })
    expect(literal).not.toContain('</script>')
    expect(literal).not.toContain('<!--')
    expect(literal).not.toMatch(/[\u2028\u2029]/)
    // Still the same value once evaluated.
    expect(new Function(`return ${literal}`)()).toEqual({ text: '</script><!-- \u2028\u2029 "quoted"' })
  })

  it('keeps undefined as a literal', () => {
    expect(jsLiteral(undefined)).toBe('undefined')
  })
})

describe('identifiers', () => {
  it.each([
    ['listPets', 'listPets'],
    ['list-pets', 'listPets'],
    ['GET /pets/{petId}', 'getPetsPetId'],
    ['delete', 'delete_'],
    ['2fa.enable', '_2faEnable'],
    ['$weird$', 'weird'],
    ['!!!', 'operation'],
  ])('camelCase %s → %s', (input, expected) => {
    expect(toCamelIdentifier(input)).toBe(expected)
  })

  it.each([
    ['Pet', 'Pet'],
    ['io.k8s.api.core.v1.Pod', 'IoK8sApiCoreV1Pod'],
    ['new_pet', 'NewPet'],
    ['3dModel', 'T3dModel'],
    ['__Operation', 'Operation'],
    ['', 'Schema'],
  ])('PascalCase %s → %s', (input, expected) => {
    expect(toPascalIdentifier(input)).toBe(expected)
  })

  it('picks a numbered name when taken, and records it', () => {
    const taken = new Set(['pet'])
    expect(uniqueName('pet', taken)).toBe('pet2')
    expect(uniqueName('pet', taken)).toBe('pet3')
    expect(taken.has('pet3')).toBe(true)
  })

  it('quotes keys that are not identifiers', () => {
    expect(propertyKey('name')).toBe('name')
    expect(propertyKey('x-rate')).toBe('"x-rate"')
    expect(propertyKey('default')).toBe('"default"')
    expect(indexKey('/pets/{id}')).toBe('["/pets/{id}"]')
  })
})
