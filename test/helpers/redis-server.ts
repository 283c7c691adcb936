import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, Socket } from 'node:net'

const BINARY = '/usr/bin/redis-server'

/** A real redis-server on 127.0.0.1, no persistence, for one test file: killed and restarted on the same port by the outage tests. */
export interface RedisServer {
  readonly port: number
  readonly url: string
  /** SIGKILL, as a crash or a pulled cable would look to clients. */
  kill(): Promise<void>
  /** Starts it again on the same port (empty: nothing was persisted). */
  restart(): Promise<void>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Resolves once the server answers PING (`+PONG`). */
async function answers(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket()
      socket.once('error', () => resolve(false))
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
      socket.once('data', (data) => {
        socket.destroy()
        resolve(data.toString().startsWith('+PONG'))
      })
    })
    if (ok) return
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))
}

export async function startRedis(): Promise<RedisServer> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run \`node scripts/prepare-test.mjs\` (installs Debian's redis-server)`)
  const port = await freePort()
  let child: ChildProcess
  const launch = async (): Promise<void> => {
    child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await answers(port, Date.now() + 30_000)
  }
  await launch()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      child.kill('SIGKILL')
      await exited(child)
    },
    restart: launch,
    async stop() {
      child.kill('SIGTERM')
      await exited(child)
    },
  }
}
