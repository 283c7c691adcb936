import { describe, expect, test } from 'vitest'
import { parseEventStream, type ServerSentEvent } from '../../../runtime/http/sse'

function stream(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder()
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk))
      c.close()
    },
  })
}
async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const out: ServerSentEvent[] = []
  for await (const e of parseEventStream(stream(chunks))) out.push(e)
  return out
}

describe('text/event-stream parser', () => {
  test.each<[string, string[], ServerSentEvent[]]>([
    ['one event', ['data: hi\n\n'], [{ event: 'message', data: 'hi' }]],
    ['multi-line data and a named event', ['event: up\ndata: a\ndata: b\n\n'], [{ event: 'up', data: 'a\nb' }]],
    ['split across chunks, CRLF split between chunks', ['da', 'ta: x\r', '\n\r\n'], [{ event: 'message', data: 'x' }]],
    ['bare CR line endings', ['data: y\r\r'], [{ event: 'message', data: 'y' }]],
    ['comments and empty events are skipped', [': ping\n\n\n', 'data\n\n'], [{ event: 'message', data: '' }]],
    [
      'id persists, retry is per event, no space after colon',
      ['id: 1\nretry: 500\ndata:a\n\ndata: b\n\n'],
      [
        { event: 'message', data: 'a', id: '1', retry: 500 },
        { event: 'message', data: 'b', id: '1' },
      ],
    ],
    ['a BOM is dropped; an unterminated last event is not dispatched', ['\ufeffdata: z\n\ndata: partial'], [{ event: 'message', data: 'z' }]],
    ['retry that is not a number is ignored', ['retry: soon\ndata: q\n\n'], [{ event: 'message', data: 'q' }]],
  ])('%s', async (_label, chunks, expected) => {
    expect(await collect(chunks)).toEqual(expected)
  })

  test('a multi-byte character split between chunks survives', async () => {
    const bytes = new TextEncoder().encode('data: é€\n\n')
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 7)) // ends inside "é"
        c.enqueue(bytes.slice(7, 10)) // ends inside "€"
        c.enqueue(bytes.slice(10))
        c.close()
      },
    })
    const out: ServerSentEvent[] = []
    for await (const e of parseEventStream(body)) out.push(e)
    expect(out).toEqual([{ event: 'message', data: 'é€' }])
  })

  test('breaking out of the loop cancels the body', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new TextEncoder().encode('data: 1\n\n'))
      },
      cancel() {
        cancelled = true
      },
    })
    for await (const e of parseEventStream(body)) {
      expect(e.data).toBe('1')
      break
    }
    expect(cancelled).toBe(true)
  })
})
