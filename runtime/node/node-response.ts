import type { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { type CoarseTimer, coarseTimeout } from './coarse-timer'
import { decoded } from './decode'
import { attemptTimedOut } from './timeout'

const NO_BODY = new Set([101, 204, 205, 304])
const noop = (): void => {}

export interface BodyClock {
  /** Milliseconds left for the body; undefined: no attempt timeout on the body. */
  left: number | undefined
}

/**
 * A real `Response` (instanceof, every method) over undici's body without the cost of fetch's:
 * `text()` and `json()` read the Node stream directly, and the WHATWG `body` stream is made
 * only when asked for. The status is ours, not the constructor's, so a server's odd status
 * (600, 1xx) is what the caller sees rather than a RangeError.
 */
export class NodeResponse extends Response {
  readonly #status: number
  readonly #statusText: string
  readonly #headers: Headers
  readonly #url: string
  readonly #raw: Readable | undefined
  #source: Readable | undefined
  #web: ReadableStream<Uint8Array> | undefined
  #pulled = false
  #used = false
  #timer: CoarseTimer | undefined

  constructor(data: Dispatcher.ResponseData, url: string, method: string, clock: BodyClock) {
    super(null)
    this.#status = data.statusCode
    this.#statusText = data.statusText ?? ''
    this.#url = url
    this.#headers = toHeaders(data.headers)
    const raw = data.body as unknown as Readable
    // A stream error nobody is reading yet must not become an uncaught 'error' event.
    raw.on('error', noop)
    if (method === 'HEAD' || NO_BODY.has(this.#status)) {
      raw.resume()
      return
    }
    this.#raw = raw
    const encoding = this.#headers.get('content-encoding') ?? undefined
    this.#source = decoded(raw, encoding) ?? raw
    if (this.#source !== raw) this.#source.on('error', noop)
    const left = clock.left
    if (left !== undefined && !this.#headers.get('content-type')?.startsWith('text/event-stream')) {
      this.#timer = coarseTimeout(Math.max(1, left), () => this.#fail(attemptTimedOut('body')))
    }
  }

  #fail(error: Error): void {
    this.#timer = undefined
    this.#source?.destroy(error)
    if (this.#raw !== this.#source) this.#raw?.destroy(error)
  }

  #settle(): void {
    this.#timer?.clear()
    this.#timer = undefined
  }

  override get status(): number {
    return this.#status
  }
  override get ok(): boolean {
    return this.#status >= 200 && this.#status <= 299
  }
  override get statusText(): string {
    return this.#statusText
  }
  override get headers(): Headers {
    return this.#headers
  }
  override get url(): string {
    return this.#url
  }
  override get type(): ResponseType {
    return 'basic'
  }
  override get redirected(): boolean {
    return false
  }
  override get bodyUsed(): boolean {
    return this.#used
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (!this.#source) return null
    this.#web ??= this.#stream(this.#source)
    return this.#web as ReadableStream<Uint8Array<ArrayBuffer>>
  }

  #stream(source: Readable): ReadableStream<Uint8Array> {
    const chunks = source[Symbol.asyncIterator]()
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          this.#pulled = this.#used = true
          try {
            const next = await chunks.next()
            if (next.done) {
              this.#settle()
              controller.close()
            } else {
              const b = next.value as Buffer
              controller.enqueue(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))
            }
          } catch (error) {
            this.#settle()
            controller.error(error)
          }
        },
        cancel: () => {
          this.#used = true
          this.#settle()
          this.#release()
        },
      },
      { highWaterMark: 0 },
    )
  }

  /** A cancelled body hangs up its connection, as fetch does: the rest may never end (a stream). */
  #release(): void {
    if (this.#source !== this.#raw) this.#source?.destroy()
    this.#raw?.destroy()
  }

  async #bytes(): Promise<Buffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read')
    this.#used = true
    if (!this.#source) return Buffer.alloc(0)
    try {
      const parts: Buffer[] = []
      for await (const chunk of this.#source) parts.push(chunk as Buffer)
      return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
    } finally {
      this.#settle()
    }
  }

  #direct(): boolean {
    return !(this.#web && (this.#pulled || this.#web.locked))
  }

  override async text(): Promise<string> {
    if (!this.#direct()) return new Response(this.#web).text()
    if (this.#source && this.#source === this.#raw && !this.#used) {
      // undici's own reader: the fastest way to a string (the byte-order mark dropped, as here).
      this.#used = true
      try {
        return await (this.#raw as unknown as Dispatcher.ResponseData['body']).text()
      } finally {
        this.#settle()
      }
    }
    const bytes = await this.#bytes()
    // UTF-8 with a byte-order mark dropped, as Response.text() does.
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    return bytes.toString('utf8', start)
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (!this.#direct()) return new Response(this.#web).arrayBuffer()
    const bytes = await this.#bytes()
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer())
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], { type: this.#headers.get('content-type') ?? '' })
  }

  override async formData(): Promise<FormData> {
    return new Response(await this.arrayBuffer(), { headers: this.#headers }).formData()
  }

  override clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.')
    const body = this.body
    let copy: ReadableStream<Uint8Array> | null = null
    if (body) {
      const [mine, theirs] = body.tee()
      this.#web = mine
      this.#pulled = true
      copy = theirs
    }
    return new Response(copy, { status: this.#status, statusText: this.#statusText, headers: this.#headers })
  }
}

function toHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers()
  for (const name in raw) {
    const value = raw[name]
    if (typeof value === 'string') headers.append(name, value)
    else if (value) for (const v of value) headers.append(name, v)
  }
  return headers
}
