/** One server-sent event (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface ServerSentEvent {
  /** `message` unless the server named it. */
  event: string
  /** The data lines joined with `\n`; JSON payloads are left to the caller (`JSON.parse(e.data)`). */
  data: string
  id?: string
  retry?: number
}

/**
 * Parses a `text/event-stream` body into events. Stops (and releases the connection) when the
 * consumer breaks out of `for await`.
 */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let data: string[] = []
  let event = ''
  let id: string | undefined
  let retry: number | undefined
  let first = true
  try {
    for (;;) {
      const { done, value } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1)
        first = false
      }
      let match: RegExpExecArray | null
      const lineEnd = /\r\n|\r|\n/g
      let start = 0
      while ((match = lineEnd.exec(buffer))) {
        // A lone \r at the end of the buffer may be half of \r\n: wait for more.
        if (match[0] === '\r' && match.index === buffer.length - 1 && !done) break
        const line = buffer.slice(start, match.index)
        start = match.index + match[0].length
        if (line === '') {
          if (data.length > 0) {
            const out: ServerSentEvent = { event: event || 'message', data: data.join('\n') }
            if (id !== undefined) out.id = id
            if (retry !== undefined) out.retry = retry
            yield out
          }
          data = []
          event = ''
          retry = undefined
          continue
        }
        const colon = line.indexOf(':')
        if (colon === 0) continue
        const field = colon === -1 ? line : line.slice(0, colon)
        let value2 = colon === -1 ? '' : line.slice(colon + 1)
        if (value2.startsWith(' ')) value2 = value2.slice(1)
        if (field === 'data') data.push(value2)
        else if (field === 'event') event = value2
        else if (field === 'id' && !value2.includes('\0')) id = value2
        else if (field === 'retry' && /^\d+$/.test(value2)) retry = Number(value2)
      }
      buffer = buffer.slice(start)
      if (done) return
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
}
