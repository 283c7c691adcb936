/**
 * One Lua script per decision, so each runs atomically on the server: no read-modify-write race
 * between processes. Time is the server's (`TIME`), so machines with skewed clocks agree; times go
 * in and out as durations relative to it (ms). Every script re-arms the expiry of what it touches,
 * so the state of an origin nobody talks to any more goes away by itself.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`

/** Token bucket fields, read and refilled as `runtime/manager/token-bucket.ts` does. ARGV[1] rate (-1: unlimited), ARGV[2] burst. */
const BUCKET = `${NOW}local inf = math.huge
local configured = tonumber(ARGV[1])
if configured < 0 then configured = inf end
local burst = tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'tokens', 'last', 'adaptive', 'capRate', 'capUntil')
local tokens = tonumber(h[1]) or burst
local last = tonumber(h[2]) or now
local adaptive = tonumber(h[3]) or configured
local capRate = tonumber(h[4]) or inf
local capUntil = tonumber(h[5]) or 0
local function rate(at)
  if at < capUntil and capRate < adaptive then return capRate end
  return adaptive
end
local function refill(at)
  if at > last then
    local r = rate(at)
    if r == inf then tokens = burst else tokens = math.min(burst, tokens + (at - last) / 1000 * r) end
    last = at
  end
end
local function save(keep)
  local fields = { 'tokens', tostring(tokens), 'last', tostring(last) }
  if adaptive ~= inf then table.insert(fields, 'adaptive'); table.insert(fields, tostring(adaptive)) end
  if capUntil > now then
    table.insert(fields, 'capRate'); table.insert(fields, tostring(capRate))
    table.insert(fields, 'capUntil'); table.insert(fields, tostring(capUntil))
  end
  redis.call('HSET', KEYS[1], unpack(fields))
  -- Kept while a pause, a cap or a queue of reservations is in force, and at least ARGV keep.
  local ttl = math.max(keep, last - now + 1000, capUntil - now + 1000)
  if tokens < 0 and rate(now) ~= inf then ttl = math.max(ttl, -tokens / rate(now) * 1000 + 1000) end
  redis.call('PEXPIRE', KEYS[1], math.ceil(ttl))
end
local function shown(r)
  if r == inf then return '-1' end
  return tostring(r)
end
`

/**
 * Takes one token. ARGV: rate, burst, keep. Returns { wait ms, rate in force, tokens, penalized (1
 * while a 429 holds the rate below the configured one), paused ms }.
 */
export const TAKE = `${BUCKET}local keep = tonumber(ARGV[3])
refill(now)
tokens = tokens - 1
local r = rate(now)
local deficit = 0
if tokens < 0 and r ~= inf then deficit = -tokens / r * 1000 end
local wait = math.max(0, last - now) + deficit
save(keep)
return { tostring(wait), shown(r), tostring(tokens), adaptive < configured and 1 or 0, tostring(math.max(0, last - now)) }
`

/**
 * One response's advice, shared by every process: ARGV rate, burst, keep, minRate, penalize (0/1),
 * reward (0/1), cap remaining (-1: none), cap ends in ms, pause ms (-1: none). Same order as the
 * in-process bucket: halve or recover, then cap, then pause. Returns { rate, tokens, penalized, paused ms }.
 */
export const ADVISE = `${BUCKET}local keep = tonumber(ARGV[3])
local minRate = tonumber(ARGV[4])
local capRemaining = tonumber(ARGV[7])
local capIn = tonumber(ARGV[8])
local pauseIn = tonumber(ARGV[9])
refill(now)
if ARGV[5] == '1' then
  local current = rate(now)
  if current ~= inf then adaptive = math.max(minRate, current / 2) end
elseif ARGV[6] == '1' and adaptive < configured then
  adaptive = math.min(configured, adaptive + configured / 20)
end
if capRemaining >= 0 and capIn > 0 then
  if capRemaining <= 0 then
    pauseIn = math.max(pauseIn, capIn)
  else
    capRate = capRemaining / (capIn / 1000)
    capUntil = now + capIn
    tokens = math.min(tokens, capRemaining)
  end
end
if pauseIn > 0 and now + pauseIn > math.max(now, last) then
  last = now + pauseIn
  tokens = math.min(tokens, 1)
end
save(keep)
return { shown(rate(now)), tostring(tokens), adaptive < configured and 1 or 0, tostring(math.max(0, last - now)) }
`

/**
 * A concurrency lease: a sorted set of holders scored by expiry. Expired leases (a crashed
 * process's) are dropped first, then one is granted if fewer than ARGV[1] are held. ARGV: max, id,
 * ttl ms. Returns 1 (held) or 0 (full).
 */
export const LEASE_ACQUIRE = `${NOW}redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[3]))
  return 1
end
return 0
`

/** Gives leases back. ARGV: ids. Returns how many were still held. */
export const LEASE_RELEASE = `return redis.call('ZREM', KEYS[1], unpack(ARGV))`

/** Extends the leases a live process still holds (a lease that already expired stays gone). ARGV: ttl, ids. */
export const LEASE_RENEW = `${NOW}local ttl = tonumber(ARGV[1])
local renewed = 0
for i = 2, #ARGV do renewed = renewed + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + ttl, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], 2 * ttl)
return renewed
`

/** Breaker fields: state (closed/open/half-open), opened (server ms), probe holder and its expiry. */
const BREAKER = `${NOW}local breakDuration = tonumber(ARGV[1])
local h = redis.call('HMGET', KEYS[1], 'state', 'opened', 'probe', 'probeUntil')
local state = h[1] or 'closed'
local opened = tonumber(h[2]) or 0
local probe = h[3]
local probeUntil = tonumber(h[4]) or 0
local before = state
if state == 'open' and now - opened >= breakDuration then
  state = 'half-open'
  redis.call('HSET', KEYS[1], 'state', state)
end
`

/**
 * Asks to send. ARGV: breakDuration, id, probe ttl, keep. Closed: allowed. Open: refused until the
 * break ends. Half-open: the single probe lease goes to the first asker (and to another once it
 * expires, should its holder die). Returns { allowed, probe, state before, state after, retry in ms }.
 */
export const BREAKER_PERMIT = `${BREAKER}local keep = tonumber(ARGV[4])
redis.call('PEXPIRE', KEYS[1], keep)
if state == 'closed' then return { 1, 0, before, state, 0 } end
if state == 'open' then return { 0, 0, before, state, opened + breakDuration - now } end
if not probe or probeUntil <= now then
  redis.call('HSET', KEYS[1], 'probe', ARGV[2], 'probeUntil', now + tonumber(ARGV[3]))
  return { 1, 1, before, state, 0 }
end
return { 0, 0, before, state, math.min(probeUntil - now, 1000) }
`

/**
 * Records an outcome. ARGV: breakDuration, id, outcome (1 healthy, 0 failed, -1 no verdict), probe
 * (0/1), samplingDuration, failureRatio, minimumThroughput, keep. The window is 10 buckets of
 * samplingDuration/10, as in-process; older buckets are deleted, so the hash stays small.
 * Returns { state before, state after, retry in ms }.
 */
export const BREAKER_RECORD = `${BREAKER}local outcome = tonumber(ARGV[3])
local keep = tonumber(ARGV[8])
local function open()
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'state', 'open', 'opened', now)
  state = 'open'
  opened = now
end
if ARGV[4] == '1' then
  if state == 'half-open' and probe == ARGV[2] then
    if outcome == 1 then
      redis.call('DEL', KEYS[1])
      state = 'closed'
    elseif outcome == 0 then
      open()
    else
      redis.call('HDEL', KEYS[1], 'probe', 'probeUntil')
    end
  end
elseif state == 'closed' and outcome >= 0 then
  local width = math.max(1, tonumber(ARGV[5]) / 10)
  local slot = math.floor(now / width)
  redis.call('HINCRBY', KEYS[1], 'n:' .. slot, 1)
  if outcome == 0 then redis.call('HINCRBY', KEYS[1], 'f:' .. slot, 1) end
  local all = redis.call('HGETALL', KEYS[1])
  local failures, total = 0, 0
  for i = 1, #all, 2 do
    local kind, at = string.match(all[i], '^([nf]):(%d+)$')
    if kind then
      if tonumber(at) <= slot - 10 then
        redis.call('HDEL', KEYS[1], all[i])
      elseif kind == 'n' then
        total = total + tonumber(all[i + 1])
      else
        failures = failures + tonumber(all[i + 1])
      end
    end
  end
  if total >= tonumber(ARGV[7]) and failures / total >= tonumber(ARGV[6]) then open() end
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], keep) end
local retry = 0
if state == 'open' then retry = opened + breakDuration - now end
return { before, state, retry }
`

/** Retry budget fields: window start (server ms), first attempts and retries in it. ARGV[1] window ms. */
const BUDGET = `${NOW}local window = tonumber(ARGV[1])
local h = redis.call('HMGET', KEYS[1], 'start', 'requests', 'retries')
local start = tonumber(h[1])
local requests = tonumber(h[2]) or 0
local retries = tonumber(h[3]) or 0
if not start or now - start >= window then
  start = now
  requests = 0
  retries = 0
end
`

/** Counts first attempts. ARGV: window, count. */
export const BUDGET_DEPOSIT = `${BUDGET}requests = requests + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'start', start, 'requests', requests, 'retries', retries)
redis.call('PEXPIRE', KEYS[1], 2 * window)
return requests
`

/** Spends one retry if the window allows it: floor(floor + ratio × requests) − retries > 0. ARGV: window, ratio, floor. Returns { granted, remaining }. */
export const BUDGET_WITHDRAW = `${BUDGET}local remaining = math.max(0, math.floor(tonumber(ARGV[3]) + tonumber(ARGV[2]) * requests) - retries)
local granted = 0
if remaining > 0 then
  granted = 1
  retries = retries + 1
  remaining = remaining - 1
end
redis.call('HSET', KEYS[1], 'start', start, 'requests', requests, 'retries', retries)
redis.call('PEXPIRE', KEYS[1], 2 * window)
return { granted, remaining }
`
