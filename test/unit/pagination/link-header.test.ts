import { describe, expect, test } from 'vitest'
import { linkTargets } from '../../../runtime/internal'

describe('linkTargets (RFC 8288 Link header)', () => {
  test.each([
    [
      'GitHub style',
      '<https://api.github.com/repos?page=2>; rel="next", <https://api.github.com/repos?page=5>; rel="last"',
      ['https://api.github.com/repos?page=2'],
    ],
    ['unquoted rel, no spaces', '<https://a/p2>;rel=next', ['https://a/p2']],
    ['relation list, any case', '<https://a/p2>; rel="PREV Next"', ['https://a/p2']],
    ['commas and semicolons inside the target', '<https://a/p?x=1,2;y>; rel="next"', ['https://a/p?x=1,2;y']],
    [
      'quoted parameter holding , ; and an escaped quote',
      '<https://a/1>; title="a, \\"b\\"; rel=next"; rel="prev", <https://a/2>; rel="next"',
      ['https://a/2'],
    ],
    ['only the first rel counts', '<https://a/1>; rel="prev"; rel="next"', []],
    ['no next', '<https://a/1>; rel="prev"', []],
    ['rel next is not "nextish"', '<https://a/1>; rel="next-archive"', []],
    ['several next links, in order', '<https://a/1>; rel=next, <https://a/2>; rel=next', ['https://a/1', 'https://a/2']],
    ['garbage between members is skipped', 'junk <https://a/1> junk; rel=next, ,, <https://a/2>; rel', ['https://a/1']],
    ['unterminated target', '<https://a/1; rel=next', []],
    ['empty target', '<>; rel=next', []],
    ['empty header', '', []],
  ])('%s', (_name, header, expected) => {
    expect(linkTargets(header, 'next')).toEqual(expected)
  })

  test('null (no header) has no targets', () => {
    expect(linkTargets(null, 'next')).toEqual([])
  })
})
