// A live feed from `virtual:api/market` (market.yaml, an AsyncAPI document), served by the Vite dev
// mock on a WebSocket under /__api/market: it pushes the document's ticker examples to every
// connection and answers `subscribe` with the reply example, carrying the request's reqid.
import { useEffect, useState } from 'react'
import market from 'virtual:api/market'

export function Feed() {
  const [ticks, setTicks] = useState([])
  const [unknown, setUnknown] = useState([])
  const [status, setStatus] = useState('Connecting…')

  useEffect(() => {
    let stopped = false
    let connection
    // reconnect: the dev mock restarts its sockets when market.yaml changes (and HMR updated the client).
    market
      .connect({ reconnect: true })
      .then(async (ws) => {
        connection = ws
        if (stopped) return ws.close()
        ws.on('ticker', (tick) => setTicks((list) => [...list, tick].slice(-12)))
        ws.socket.on('state', (state) => state !== 'open' && setStatus(`Socket ${state}…`))
        ws.socket.on('reconnected', () => setStatus('Reconnected'))
        // Frames that are no message of the document: never dropped silently.
        void (async () => {
          for await (const frame of ws.unknown) setUnknown((list) => [...list, JSON.stringify(frame)])
        })()
        const reply = await ws.request.subscribe({ event: 'subscribe', pairs: ['XBT/USD', 'ETH/USD', 'SOL/USD'] })
        setStatus(`Subscribed: ${reply.status} (reqid ${reply.reqid})`)
      })
      .catch((error) => setStatus(error.message))
    return () => {
      stopped = true
      void connection?.close()
    }
  }, [])

  return (
    <section>
      <h2>Market feed</h2>
      <p id="feed-status">{status}</p>
      <ul id="feed">
        {ticks.map((tick, i) => (
          <li key={i}>{`${tick.pair} ${tick.price}`}</li>
        ))}
      </ul>
      <ul id="unknown">
        {unknown.map((frame, i) => (
          <li key={i}>{frame}</li>
        ))}
      </ul>
    </section>
  )
}
