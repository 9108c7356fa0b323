/**
 * The load generator of `npm run bench`, run as its own process (node scripts/bench-load.mjs '<job JSON>'),
 * so that neither the server nor the bench's own process spends its CPU making the load it measures.
 * It prints one JSON line (the measurement) on stdout; progress goes to stderr.
 *
 * Job `{ mode: 'http', url, seconds, warmupSeconds, connections, timeoutSeconds, headers, cold }`:
 *   one request alone (the cold figure; not with `cold: false`, when the bench made it already), a warm-up with autocannon that is not measured, then `seconds` of
 *   autocannon with `connections` keep-alive connections. Every request is accounted for by our own hooks on
 *   autocannon's clients, not by autocannon's histogram (which keeps 2xx latencies only and drops timeouts):
 *   - a response of any status counts in the latency percentiles; only a 2xx counts as completed, anything
 *     else is an error;
 *   - a request with no answer after `timeoutSeconds` is a timeout, and counts in the latency as having
 *     taken exactly `timeoutSeconds` (it took at least that long);
 *   - a connection error counts as an error;
 *   - when the time is up autocannon closes its connections with one request in flight on each: those are
 *     "cut off", counted apart, and the oldest of them raises `max` (it took at least that long).
 *   The `x-counterpart-cache` response header (hit, miss, bypass), when the app sends one, is tallied.
 *
 * Job `{ mode: 'writes', base, token, seconds, writers, timeoutSeconds, headers, pairs, today, marker, run }`:
 *   `writers` concurrent writers (closed loop), writer i logging held calls between the two officials of
 *   pairs[i], dated today and then two days earlier each time, through POST /api/v1/contacts. After each write is answered, the writer reads the pair's gaps
 *   (GET /api/v1/gaps?a=&b=) and checks that the new contact is in them (a read-after-write failure when not);
 *   that read runs while the writer sends its next write, and a writer has at most one read in flight. No
 *   write starts after `seconds`; those in flight then are waited for and counted.
 */
import autocannon from 'autocannon';

const job = JSON.parse(process.argv[2] ?? '{}');
/** What the job is doing, for the watchdog's message. */
let phase = 'starting';

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

function headerValue(rawHeaders, name) {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (String(rawHeaders[i]).toLowerCase() === name) return String(rawHeaders[i + 1]).toLowerCase();
  }
  return undefined;
}

/** One request alone before any load: the latency a first visitor (or a cache miss) sees. */
async function cold(url, headers, timeoutSeconds) {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutSeconds * 1000) });
    await response.arrayBuffer();
    return {
      ms: performance.now() - started,
      status: response.status,
      cache: response.headers.get('x-counterpart-cache') ?? null,
    };
  } catch (error) {
    return { ms: performance.now() - started, status: null, error: String(error?.message ?? error) };
  }
}

function cannon(options, hooks) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ ...options, setupClient: hooks?.setupClient }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (hooks?.onReqError) instance.on('reqError', hooks.onReqError);
  });
}

async function http() {
  const { url, seconds, warmupSeconds, connections, timeoutSeconds, headers } = job;
  phase = 'the cold request';
  const first = job.cold === false ? null : await cold(url, headers, timeoutSeconds);
  phase = 'the warm-up';
  const base = { url, connections, timeout: timeoutSeconds, headers };
  if (warmupSeconds > 0) await cannon({ ...base, duration: warmupSeconds });

  const latencies = [];
  const tally = { completed: 0, non2xx: 0, timeouts: 0, connErrors: 0, bytes: 0, responses: 0 };
  const statuses = {};
  const cache = {};
  const cutOff = [];
  const setupClient = (client) => {
    let sentAt = null;
    client.on('request', () => (sentAt = performance.now()));
    client.on('headers', (info) => {
      const value = headerValue(info.headers ?? [], 'x-counterpart-cache');
      if (value !== undefined) cache[value] = (cache[value] ?? 0) + 1;
    });
    client.on('response', (status, bytes, ms) => {
      sentAt = null;
      latencies.push(ms);
      tally.responses += 1;
      tally.bytes += bytes;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) tally.completed += 1;
      else tally.non2xx += 1;
    });
    client.on('timeout', () => {
      sentAt = null;
      tally.timeouts += 1;
      latencies.push(timeoutSeconds * 1000);
    });
    client.on('done', () => {
      if (sentAt !== null) cutOff.push(performance.now() - sentAt);
    });
  };
  let reqErrors = 0;
  phase = 'the measured run';
  const result = await cannon({ ...base, duration: seconds }, { setupClient, onReqError: () => (reqErrors += 1) });
  tally.connErrors = Math.max(0, reqErrors - tally.timeouts);
  const elapsed = result.duration;
  const stats = summarize(latencies);
  const oldestCutOff = cutOff.length ? Math.max(...cutOff) : 0;
  return {
    cold: first,
    seconds: elapsed,
    completed: tally.completed,
    rps: tally.completed / elapsed,
    p50: stats.p50,
    p99: stats.p99,
    max: Math.max(stats.max ?? 0, oldestCutOff),
    timeouts: tally.timeouts,
    errors: tally.non2xx + tally.connErrors + tally.timeouts,
    non2xx: tally.non2xx,
    connErrors: tally.connErrors,
    statuses,
    cutOff: cutOff.length,
    bytesPerResponse: tally.responses ? Math.round(tally.bytes / tally.responses) : null,
    cache: Object.keys(cache).length ? cache : null,
  };
}

async function writes() {
  const { base, token, seconds, writers, timeoutSeconds, headers, pairs, today, marker, run } = job;
  phase = 'the writes';
  const deadline = performance.now() + seconds * 1000;
  const latencies = [];
  const created = [];
  const tally = { ok: 0, non2xx: 0, timeouts: 0, connErrors: 0, checks: 0, readAfterWriteFailures: 0, checkErrors: 0 };
  const statuses = {};
  const failures = [];
  const started = performance.now();
  let lastAnswer = started;

  async function check(pair, id) {
    tally.checks += 1;
    const query = new URLSearchParams({ a: pair[0], b: pair[1] });
    try {
      const response = await fetch(`${base}/api/v1/gaps?${query}`, {
        headers,
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
      });
      if (!response.ok) {
        tally.checkErrors += 1;
        tally.readAfterWriteFailures += 1;
        if (failures.length < 5) failures.push(`gaps read answered ${response.status}`);
        return;
      }
      const series = await response.json();
      const ids = new Set([
        series.firstContact?.id,
        series.lastContact?.id,
        series.currentSilence?.sinceContactId,
        ...series.gaps.flatMap((gap) => [gap.fromContactId, gap.toContactId]),
      ]);
      if (!ids.has(id)) {
        tally.readAfterWriteFailures += 1;
        if (failures.length < 5) failures.push(`contact ${id} missing from the gaps of ${pair.join('–')}`);
      }
    } catch (error) {
      tally.checkErrors += 1;
      tally.readAfterWriteFailures += 1;
      if (failures.length < 5) failures.push(`gaps read failed: ${error?.message ?? error}`);
    }
  }

  async function writer(index) {
    const pair = pairs[index % pairs.length];
    let pending = Promise.resolve();
    for (let n = 0; performance.now() < deadline; n += 1) {
      // Two days apart, counting back from today: a writer's contacts are never within a day of each other,
      // so none is reported as a possible duplicate of the one before (which would grow every answer).
      const date = new Date(Date.parse(today) - 2 * n * 86_400_000).toISOString().slice(0, 10);
      const body = JSON.stringify({
        date,
        type: 'CALL',
        status: 'HELD',
        participants: pair,
        summary: `${marker} (run ${run}, writer ${index}, write ${n})`,
        sources: [{ url: `https://bench.counterpart.invalid/writes/${run}/${index}/${n}`, publisher: marker }],
      });
      const sentAt = performance.now();
      try {
        const response = await fetch(`${base}/api/v1/contacts`, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutSeconds * 1000),
        });
        const text = await response.text();
        latencies.push(performance.now() - sentAt);
        lastAnswer = performance.now();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 201) {
          tally.ok += 1;
          const { id, version } = JSON.parse(text);
          created.push({ id, version });
          await pending;
          pending = check(pair, id);
        } else {
          tally.non2xx += 1;
          if (failures.length < 5) failures.push(`write answered ${response.status}: ${text.slice(0, 200)}`);
        }
      } catch (error) {
        lastAnswer = performance.now();
        if (error?.name === 'TimeoutError') {
          tally.timeouts += 1;
          latencies.push(timeoutSeconds * 1000);
        } else {
          tally.connErrors += 1;
          if (failures.length < 5) failures.push(`write failed: ${error?.message ?? error}`);
        }
      }
    }
    await pending;
  }

  await Promise.all(Array.from({ length: writers }, (_, i) => writer(i)));
  const elapsed = (lastAnswer - started) / 1000;
  const stats = summarize(latencies);
  return {
    seconds: elapsed,
    completed: tally.ok,
    rps: tally.ok / elapsed,
    p50: stats.p50,
    p99: stats.p99,
    max: stats.max,
    timeouts: tally.timeouts,
    errors: tally.non2xx + tally.connErrors + tally.timeouts,
    statuses,
    checks: tally.checks,
    readAfterWriteFailures: tally.readAfterWriteFailures,
    failures,
    created,
  };
}

// A job that outlives its time by a minute is stuck: say so rather than hang (or let Node exit without a result).
const limitSeconds = (job.warmupSeconds ?? 0) + (job.seconds ?? 0) + 3 * (job.timeoutSeconds ?? 10) + 60;
const watchdog = setTimeout(() => {
  process.stderr.write(`[bench-load] no result after ${limitSeconds} s, stuck in ${phase}: giving up\n`);
  process.exit(1);
}, limitSeconds * 1000);

try {
  const result = job.mode === 'writes' ? await writes() : await http();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  clearTimeout(watchdog);
} catch (error) {
  process.stderr.write(`[bench-load] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
