import { describe, expect, it } from 'vitest'
import { nearestName } from '../../../src/core/nearest-name'

describe('nearestName', () => {
  it.each([
    ['petstor', ['petstore', 'other'], 'petstore'],
    ['PetStore', ['petstore'], 'petstore'],
    ['githb', ['github', 'gitlab'], 'github'],
    ['stripe', ['petstore', 'github'], undefined],
    ['x', [], undefined],
    ['ab', ['cd'], undefined],
  ] as const)('%s among %j suggests %s', (wanted, names, expected) => {
    expect(nearestName(wanted, names)).toBe(expected)
  })
})
