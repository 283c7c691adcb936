import type { Table } from '../harness/case'

/** Export names: collisions once sanitized, reserved words and built-ins, missing operationIds. */
const call = (op: string, path: string, method = 'GET', input?: unknown): Table['cases'][number] => ({
  name: `reachable as ${op}, sends ${method} ${path}`,
  op,
  ...(input === undefined ? {} : { input }),
  expect: { method, path },
})

export default {
  spec: 'names',
  cases: [
    { ...call('getThing', '/a'), note: 'operationId get-thing: the first of three that sanitize to getThing keeps the name (document order)' },
    { ...call('getThing2', '/b'), note: 'operationId "get thing"' },
    { ...call('getThing3', '/c'), note: 'operationId getThing, third in document order' },
    { ...call('then_', '/then'), note: 'an export named then would make the module namespace a thenable' },
    call('constructor', '/constructor'),
    { ...call('__proto___', '/proto'), note: 'a tree member named __proto__ would set the prototype' },
    { ...call('delete_', '/delete', 'DELETE'), note: 'reserved word' },
    { ...call('configure2', '/configure', 'POST'), note: 'configure is the module’s own export' },
    call('toString', '/to-string'),
    { ...call('getItemsId', '/items/7', 'GET', { path: { id: 7 } }), note: 'no operationId: method + path' },
    call('postItemsId', '/items/0', 'POST', { path: { id: 0 } }),
  ],
} satisfies Table
