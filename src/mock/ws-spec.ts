/**
 * The data a mocked AsyncAPI (WebSocket) API runs on: built from the document at build time
 * (src/asyncapi/mocks.ts), embedded as a literal in `virtual:api/<name>/mocks`, and played by the
 * WebSocket responder under msw (`ws.link`) and in the Vite dev server (crossws). Plain JSON.
 */
export interface WsMockSpec {
  kind: 'asyncapi'
  api: string
  /**
   * Socket URLs the msw handlers link: each WebSocket server (variables at their defaults, `*`
   * without one) joined with each channel address (parameters as `*`). Empty when the document
   * names no WebSocket server: pass `url` to `createHandlers`.
   */
  urls: string[]
  /** The messages the client sends, tried in order: how to tell each apart and what answers it. */
  sends: WsMockSend[]
  /** Frames pushed to every client once it connects: the examples of the messages it receives. */
  greeting: WsMockFrame[]
}

export interface WsMockSend {
  name: string
  /** The payload property that tells it apart, and its values; else the frame's JSON type; else any frame. */
  prop?: string
  values?: Array<string | number | boolean>
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array'
  /**
   * What a frame of this message gets back: the reply message's example (else a payload sampled
   * from its schema), with the request's correlation id copied in at `correlation`; `echo` sends
   * the frame back (an operation whose reply is the message it sent, as echo servers document).
   */
  reply?: { message: string; payload: unknown; correlation?: string } | { echo: true }
}

export interface WsMockFrame {
  message: string
  payload: unknown
}
