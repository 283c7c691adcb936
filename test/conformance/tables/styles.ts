import type { OneOf, Table, WireCase } from '../harness/case'

/**
 * The Parameter Object's "Style Examples" table (OAS 3.0.3 §4.7.12.4 and 3.1.x §4.8.12.4), with
 * `color` as a string, an array and an object. Where 3.0.3 and 3.1 print different rows, both are
 * accepted and the case says so.
 */
const STRING = 'blue'
const ARRAY = ['blue', 'black', 'brown']
const OBJECT = { R: 100, G: 200, B: 150 }
const values = { string: STRING, array: ARRAY, object: OBJECT } as const
type Kind = keyof typeof values

// fetch's URL parser (WHATWG) drops a `.` path segment, and `%2E` with it: `/label/.` cannot be sent.
const DOT_SEGMENT =
  'WHATWG URL parsing (fetch) removes a lone "." or "%2E" path segment, so /label/. cannot be sent; the runtime refuses it before sending (ERR_PATH_PARAMETER)'

function path(op: string, expected: Partial<Record<Kind | 'empty', OneOf>>, note?: string): WireCase[] {
  return Object.entries(expected).map(([kind, out]) => ({
    ...(out === '.' ? { todo: DOT_SEGMENT } : {}),
    name: `${kind} → ${String(out)}`,
    op,
    input: { path: { color: kind === 'empty' ? '' : values[kind as Kind] } },
    ...(note && Array.isArray(out) ? { note } : {}),
    expect: { method: 'GET', path: Array.isArray(out) ? out.map((o) => `/${op}/${o}`) : `/${op}/${out}` },
  }))
}

function located(op: string, where: 'query' | 'header' | 'cookie', expected: Partial<Record<Kind | 'empty', OneOf>>, note?: string): WireCase[] {
  return Object.entries(expected).map(([kind, out]) => ({
    name: `${kind} → ${String(out)}`,
    op,
    input: { [where]: { color: kind === 'empty' ? '' : values[kind as Kind] } },
    ...(note ? { note } : {}),
    expect: where === 'query' ? { path: `/${op}`, query: out } : where === 'cookie' ? { cookie: out } : { headers: { color: out } },
  }))
}

const LABEL_NOTE = 'OAS 3.0.3 prints `.blue.black.brown` for label without explode; 3.1 (and RFC 6570 `{.color}`) print `.blue,black,brown`'
const PIPE_NOTE = 'OAS 3.0.3/3.1.0 print the pipe literally; RFC 3986 does not allow `|` in a query, so 3.1.1 percent-encodes it (%7C)'
const DEEP_NOTE = 'OAS 3.0.3/3.1.0 print brackets literally; 3.1.1 percent-encodes them (%5B %5D), as RFC 3986 asks'
const COOKIE_NOTE = 'A comma is not a cookie-octet (RFC 6265), so the value may be percent-encoded; OAS 3.0/3.1 have no cookie-specific table'

const cases: WireCase[] = [
  ...path('matrix', { empty: ';color', string: ';color=blue', array: ';color=blue,black,brown', object: ';color=R,100,G,200,B,150' }),
  ...path('matrixExplode', { empty: ';color', string: ';color=blue', array: ';color=blue;color=black;color=brown', object: ';R=100;G=200;B=150' }),
  ...path(
    'label',
    { empty: '.', string: '.blue', array: ['.blue.black.brown', '.blue,black,brown'], object: ['.R.100.G.200.B.150', '.R,100,G,200,B,150'] },
    LABEL_NOTE,
  ),
  ...path('labelExplode', { empty: '.', string: '.blue', array: '.blue.black.brown', object: '.R=100.G=200.B=150' }),
  ...path('simple', { string: 'blue', array: 'blue,black,brown', object: 'R,100,G,200,B,150' }),
  ...path('simpleExplode', { string: 'blue', array: 'blue,black,brown', object: 'R=100,G=200,B=150' }),
  ...located('form', 'query', { empty: 'color=', string: 'color=blue', array: 'color=blue,black,brown', object: 'color=R,100,G,200,B,150' }),
  ...located('formExplode', 'query', { empty: 'color=', string: 'color=blue', array: 'color=blue&color=black&color=brown', object: 'R=100&G=200&B=150' }),
  ...located('spaceDelimited', 'query', { array: 'color=blue%20black%20brown', object: 'color=R%20100%20G%20200%20B%20150' }),
  ...located(
    'pipeDelimited',
    'query',
    { array: ['color=blue|black|brown', 'color=blue%7Cblack%7Cbrown'], object: ['color=R|100|G|200|B|150', 'color=R%7C100%7CG%7C200%7CB%7C150'] },
    PIPE_NOTE,
  ),
  ...located('deepObject', 'query', { object: ['color[R]=100&color[G]=200&color[B]=150', 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150'] }, DEEP_NOTE),
  ...located('headerSimple', 'header', { string: 'blue', array: 'blue,black,brown', object: 'R,100,G,200,B,150' }),
  ...located('headerSimpleExplode', 'header', { string: 'blue', array: 'blue,black,brown', object: 'R=100,G=200,B=150' }),
  ...located(
    'cookieForm',
    'cookie',
    {
      string: 'color=blue',
      array: ['color=blue,black,brown', 'color=blue%2Cblack%2Cbrown'],
      object: ['color=R,100,G,200,B,150', 'color=R%2C100%2CG%2C200%2CB%2C150'],
    },
    COOKIE_NOTE,
  ),
  ...located(
    'cookieFormExplode',
    'cookie',
    {
      string: 'color=blue',
      array: ['color=blue; color=black; color=brown', 'color=blue&color=black&color=brown'],
      object: ['R=100; G=200; B=150', 'R=100&G=200&B=150'],
    },
    'OAS 3.0/3.1 apply the query form table to cookies (`&`); a Cookie header separates pairs with `; ` (RFC 6265)',
  ),
]

export default { spec: 'styles', cases } satisfies Table

/** The same table through the same document declared as OAS 3.0.3 (styles30.yaml). */
export const styles30 = { spec: 'styles30', cases } satisfies Table
