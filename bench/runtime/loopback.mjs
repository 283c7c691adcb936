// What the loopback benchmarks share (http.mjs, node-transport.mjs): the keep-alive pet server in
// its own process, one showPet operation, the measuring loop, rounds with the order rotated, and
// the table of medians.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const WORKERS = 64
export const PET_PATH = '/pets/1?limit=10'

/** The server pinned to CPU 0 and this process to CPU 1 when taskset exists. */
export async function startPetServer(here) {
  const taskset = existsSync('/usr/bin/taskset')
  const server = spawn(taskset ? 'taskset' : process.execPath, taskset ? ['-c', '0', process.execPath, join(here, 'server.mjs')] : [join(here, 'server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))))
  if (taskset) spawn('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' })
  const base = `http://127.0.0.1:${port}`
  return { base, url: `${base}${PET_PATH}`, stop: () => server.kill() }
}

/** A generated-style operation on the pet server. */
export function showPetOperation(api) {
  return api.operation({
    id: 'showPet',
    method: 'GET',
    path: '/pets/{petId}',
    params: [
      { name: 'petId', in: 'path', required: true },
      { name: 'limit', in: 'query' },
    ],
    responses: { 200: { contentTypes: ['application/json'] } },
  })
}

async function measure(call, total, workers) {
  let next = 0
  const start = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next++ < total) {
        const data = await call()
        if (data?.id !== 1) throw new Error('bad response')
      }
    }),
  )
  const cpu = process.cpuUsage(cpu0)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return { rps: total / seconds, cpuUsPerReq: (cpu.user + cpu.system) / total }
}

/** Every client sequentially and at WORKERS concurrent, per round, the order rotated; medians. */
export async function runRounds(clients, names, { rounds, seq, conc }) {
  const results = Object.fromEntries(names.map((k) => [k, { seq: [], conc: [] }]))
  for (let round = 0; round < rounds; round++) {
    const order = names.slice(round % names.length).concat(names.slice(0, round % names.length))
    for (const name of order) {
      await measure(clients[name], 300, 8) // warm-up: JIT and keep-alive pool
      results[name].seq.push(await measure(clients[name], seq, 1))
      results[name].conc.push(await measure(clients[name], conc, WORKERS))
    }
    process.stderr.write(`round ${round + 1}/${rounds} done\n`)
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const summary = Object.fromEntries(
    names.map((n) => [
      n,
      {
        seqRps: median(results[n].seq.map((r) => r.rps)),
        seqCpuUs: median(results[n].seq.map((r) => r.cpuUsPerReq)),
        concRps: median(results[n].conc.map((r) => r.rps)),
        concCpuUs: median(results[n].conc.map((r) => r.cpuUsPerReq)),
      },
    ]),
  )
  return { results, summary }
}

/** The markdown table, ratios against `refName`. */
export function printTable(summary, refName, { rounds, seq, conc }) {
  const ref = summary[refName]
  const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  console.log(`node ${process.version}, ${rounds} rounds, sequential ×${seq}, ${WORKERS} concurrent ×${conc}; medians; ratio = req/s ÷ ${refName}`)
  console.log('| client | sequential req/s | ratio | CPU µs/req | 64 concurrent req/s | ratio | CPU µs/req |')
  console.log('|---|---|---|---|---|---|---|')
  for (const [n, s] of Object.entries(summary)) {
    console.log(
      `| ${n} | ${fmt(s.seqRps)} | ${fmt(s.seqRps / ref.seqRps, 2)} | ${fmt(s.seqCpuUs)} | ${fmt(s.concRps)} | ${fmt(s.concRps / ref.concRps, 2)} | ${fmt(s.concCpuUs)} |`,
    )
  }
}
