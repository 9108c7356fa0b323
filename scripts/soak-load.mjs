/**
 * The load generator of `npm run soak`, in its own process (node scripts/soak-load.mjs '<job JSON>'), so that
 * neither the server nor the soak's own process spends its CPU making the load. Prints one JSON line (the
 * measurement) on stdout; progress goes to stderr.
 *
 * Readers: `readers` closed loops, each picking a route by weight, waiting a random think time (0 to twice
 * `thinkMs`) between requests, over keep-alive connections, asking for gzip as browsers do. Every answer is
 * timed by route: a status of 500 or more is an error, a request unanswered after `timeoutSeconds` is a
 * timeout (and counts as that long).
 *
 * Writers: `apiWriters` researchers' scripts with an API token and `formWriters` researchers using the contact
 * form (its server actions, called as the browser calls them: React's encodeReply, the Next-Action header and
 * the session cookie). Each writer pauses as a reader does (writerPause), then logs held calls on its own pair,
 * two days apart counting back from `today`, and edits every second contact it made (its summary, at the
 * version it was given). A write is acknowledged when the app says so (201/200 from the API, `ok: true` with
 * the saved id from an action). After each acknowledged write the writer reads it back anonymously, as any
 * reader would, through the cached public API: the pair's gaps must hold a new contact, and the contact's own
 * record must show an edit's version.
 */
import http from 'node:http';
import { encodeReply } from 'next/dist/compiled/react-server-dom-turbopack/client.node.js';

const job = JSON.parse(process.argv[2] ?? '{}');
const agent = new http.Agent({ keepAlive: true, maxSockets: job.readers + 4 * (job.apiWriters + job.formWriters) });
const base = new URL(job.base);
// First a warm-up of `warmUpSeconds` under the same load (the response cache starts empty), then the
// `seconds` that are judged; requests are counted apart by the phase they began in.
const warmUpMs = (job.warmUpSeconds ?? 0) * 1000;
const deadline = performance.now() + warmUpMs + job.seconds * 1000;
const timeoutMs = job.timeoutSeconds * 1000;

function log(line) {
  process.stderr.write(`[soak-load] ${line}\n`);
}

/** One HTTP request: its status, headers and body (undecoded), or a timeout / connection error. */
function request(method, path, { headers = {}, body = null, keepBody = true } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      { host: base.hostname, port: base.port, method, path, agent, headers, timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => keepBody && chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
            ms: performance.now() - started,
          }),
        );
        res.on('error', (error) => resolve({ status: null, error: error.message, ms: performance.now() - started }));
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error('timeout'));
    });
    req.on('error', (error) => {
      const ms = performance.now() - started;
      resolve(
        error.message === 'timeout' ? { status: null, timeout: true, ms } : { status: null, error: error.message, ms },
      );
    });
    if (body !== null) req.end(body);
    else req.end();
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------------------------------------
// Per-route figures

const routes = new Map();
const warmUpRoutes = new Map();
function routeFigures(phase, key) {
  let figures = phase.get(key);
  if (!figures) {
    figures = { latencies: [], statuses: {}, cache: {}, timeouts: 0, connErrors: 0, errorSamples: [] };
    phase.set(key, figures);
  }
  return figures;
}

/** Requests and timeouts by the 10 s of the run (warm-up included) they began in: when the timeouts came. */
const timeline = [];
const loadStarted = performance.now();

function record(key, result, path) {
  const began = performance.now() - result.ms - loadStarted;
  const bucket = Math.floor(began / 10_000);
  timeline[bucket] ??= { requests: 0, timeouts: 0 };
  timeline[bucket].requests += 1;
  if (result.timeout) timeline[bucket].timeouts += 1;
  const figures = routeFigures(began < warmUpMs ? warmUpRoutes : routes, key);
  figures.latencies.push(result.timeout ? timeoutMs : result.ms);
  if (result.timeout) figures.timeouts += 1;
  else if (result.status === null) figures.connErrors += 1;
  else figures.statuses[result.status] = (figures.statuses[result.status] ?? 0) + 1;
  // How the response cache answered (hit, shared, miss, bypass), when it did.
  const how = result.headers?.['x-counterpart-cache'];
  if (how !== undefined) figures.cache[how] = (figures.cache[how] ?? 0) + 1;
  const failed = result.timeout || result.status === null || result.status >= 500;
  if (failed && figures.errorSamples.length < 5) {
    figures.errorSamples.push(
      `${path}: ${result.timeout ? 'timeout' : (result.status ?? result.error)} ${(result.body ?? '').slice(0, 300)}`,
    );
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(figures) {
  const sorted = Float64Array.from(figures.latencies).sort();
  const count = sorted.length;
  const serverErrors = Object.entries(figures.statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    count,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: count ? sorted[count - 1] : null,
    statuses: figures.statuses,
    cache: figures.cache,
    serverErrors,
    timeouts: figures.timeouts,
    connErrors: figures.connErrors,
    errorSamples: figures.errorSamples,
  };
}

// ------------------------------------------------------------------------------------------------
// Readers

const cumulative = [];
let totalWeight = 0;
for (const route of job.routes) {
  totalWeight += route.weight;
  cumulative.push(totalWeight);
}

function pickRoute() {
  const x = Math.random() * totalWeight;
  const group = job.routes[cumulative.findIndex((c) => x < c)];
  return { key: group.key, path: group.paths[Math.floor(Math.random() * group.paths.length)] };
}

async function reader() {
  while (performance.now() < deadline) {
    const { key, path } = pickRoute();
    const result = await request('GET', path, { headers: { 'accept-encoding': 'gzip' }, keepBody: false });
    record(key, result, path);
    await sleep(Math.random() * 2 * job.thinkMs);
  }
}

// ------------------------------------------------------------------------------------------------
// Writers

const writes = {
  acknowledged: [], // { id, version, url, writer, via, kind }
  // Edits with no answer (a timeout or a dropped connection): each may have been committed all the same, so
  // the contact may be stored one version past the acknowledged one per such edit. id → count.
  unsettledEdits: {},
  refused: {}, // status → count
  timeouts: 0,
  connErrors: 0,
  // failures: an answer came and did not show the write; unanswered: no answer came in time (a timeout).
  readAfterWrite: { checks: 0, failures: 0, unanswered: 0, samples: [] },
  samples: [],
};

function writeDate(n) {
  return new Date(Date.parse(job.today) - 2 * n * 86_400_000).toISOString().slice(0, 10);
}

function refuse(result, what, editOf = null) {
  if (editOf !== null && (result.timeout || result.status === null)) {
    writes.unsettledEdits[editOf] = (writes.unsettledEdits[editOf] ?? 0) + 1;
  }
  if (result.timeout) writes.timeouts += 1;
  else if (result.status === null) writes.connErrors += 1;
  else writes.refused[result.status] = (writes.refused[result.status] ?? 0) + 1;
  if (writes.samples.length < 10) {
    writes.samples.push(
      `${what}: ${result.timeout ? 'timeout' : (result.status ?? result.error)} ${(result.body ?? '').slice(0, 300)}`,
    );
  }
}

/** Reads an acknowledged write back through the public API, retrying for at most 2 s (a purge crosses a NOTIFY). */
async function readBack(pair, write) {
  writes.readAfterWrite.checks += 1;
  const path =
    write.kind === 'create'
      ? `/api/v1/gaps?${new URLSearchParams({ a: pair.a, b: pair.b })}`
      : `/api/v1/contacts/${encodeURIComponent(write.id)}`;
  const until = performance.now() + 2_000;
  let last = '';
  let answered = false;
  for (;;) {
    const result = await request('GET', path);
    record(write.kind === 'create' ? 'read-after-write: gaps API' : 'read-after-write: contact API', result, path);
    if (result.status === 200) {
      answered = true;
      const body = JSON.parse(result.body);
      const seen =
        write.kind === 'create'
          ? [body.firstContact?.id, body.lastContact?.id, body.currentSilence?.sinceContactId]
              .concat(body.gaps.flatMap((gap) => [gap.fromContactId, gap.toContactId]))
              .includes(write.id)
          : body.version >= write.version;
      if (seen) return;
      last = `${path} does not show ${write.kind} ${write.id} v${write.version}`;
    } else last = `${path} answered ${result.status ?? result.error ?? 'timeout'}`;
    if (performance.now() > until) break;
    await sleep(100);
  }
  if (!answered) {
    writes.readAfterWrite.unanswered += 1;
    return;
  }
  writes.readAfterWrite.failures += 1;
  if (writes.readAfterWrite.samples.length < 10) writes.readAfterWrite.samples.push(last);
}

/**
 * A writer pauses like a reader between one write (and its read-back) and the next: a researcher, not a
 * loop. Without it the write rate followed the server's speed (150 to 1,000 creates a run), and with it the
 * purges of every page that lists contacts, so no two runs were comparable.
 */
function writerPause() {
  return sleep(Math.random() * 2 * job.thinkMs);
}

function contactBody(index, n, pair, url) {
  return {
    date: writeDate(n),
    type: 'CALL',
    status: 'HELD',
    participants: [pair.a, pair.b],
    summary: `${job.marker} (run ${job.run}, writer ${index}, write ${n})`,
    sources: [{ url, publisher: job.marker }],
  };
}

async function apiWriter(index, pair) {
  const auth = { authorization: `Bearer ${job.token}` };
  let last = null;
  for (let n = 0; performance.now() < deadline; n += 1) {
    await writerPause();
    const url = `${job.markerUrl}${job.run}/api/${index}/${n}`;
    const create = await request('POST', '/api/v1/contacts', {
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(contactBody(index, n, pair, url)),
    });
    record('write: API create', create, 'POST /api/v1/contacts');
    if (create.status === 201) {
      const { id, version } = JSON.parse(create.body);
      last = { id, version, url, writer: `api-${index}`, via: 'api', kind: 'create' };
      writes.acknowledged.push(last);
      await readBack(pair, last);
    } else refuse(create, 'API create');
    if (n % 2 === 1 && last !== null && performance.now() < deadline) {
      const patch = await request('PATCH', `/api/v1/contacts/${last.id}`, {
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          version: last.version,
          summary: `${job.marker} (run ${job.run}, writer ${index}, edited after write ${n})`,
        }),
      });
      record('write: API edit', patch, 'PATCH /api/v1/contacts/:id');
      if (patch.status === 200) {
        const { version } = JSON.parse(patch.body);
        const edit = { ...last, version, kind: 'update' };
        writes.acknowledged.push(edit);
        last = { ...last, version };
        await readBack(pair, edit);
      } else refuse(patch, 'API edit', last.id);
    }
  }
}

/** Calls a server action as React's client does; resolves to the request's result and the action's state. */
async function callAction(path, actionId, args) {
  const form = await encodeReply(args);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const result = await request('POST', path, {
    headers: {
      'next-action': actionId,
      accept: 'text/x-component',
      origin: job.base,
      cookie: job.cookie,
      'content-type': encoded.headers.get('content-type'),
    },
    body,
  });
  // The action's return value is one row of the RSC payload: `1:{"ok":true,…}`.
  const line = result.status === 200 ? result.body.split('\n').find((row) => /^\d+:\{"ok":/.test(row)) : undefined;
  return { result, state: line ? JSON.parse(line.slice(line.indexOf(':') + 1)) : null };
}

function contactForm(index, n, pair, url, extra = {}) {
  const form = new FormData();
  const fields = {
    date: writeDate(n),
    datePrecision: 'DAY',
    type: 'CALL',
    status: 'HELD',
    summary: `${job.marker} (run ${job.run}, form writer ${index}, write ${n})`,
    'participants.0.id': pair.aId,
    'participants.0.country': pair.aCountry,
    'participants.1.id': pair.bId,
    'participants.1.country': pair.bCountry,
    'sources.0.url': url,
    'sources.0.publisher': job.marker,
    confirmDuplicate: '1',
    ...extra,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

async function formWriter(index, pair) {
  let last = null;
  for (let n = 0; performance.now() < deadline; n += 1) {
    await writerPause();
    const url = `${job.markerUrl}${job.run}/form/${index}/${n}`;
    const create = await callAction('/contacts/new', job.actions.create, [
      { ok: false },
      contactForm(index, n, pair, url),
    ]);
    record('write: form create', create.result, 'action createContact');
    if (create.state?.ok === true && create.state.saved?.id) {
      last = {
        id: create.state.saved.id,
        version: create.state.saved.version,
        url,
        writer: `form-${index}`,
        via: 'form',
        kind: 'create',
      };
      writes.acknowledged.push(last);
      await readBack(pair, last);
    } else
      refuse(
        { ...create.result, body: create.state ? JSON.stringify(create.state) : create.result.body },
        'form create',
      );
    if (n % 2 === 1 && last !== null && performance.now() < deadline) {
      const form = contactForm(index, n, pair, last.url, {
        version: String(last.version),
        summary: `${job.marker} (run ${job.run}, form writer ${index}, edited after write ${n})`,
      });
      // The edit keeps the contact's own date: only its summary changes.
      form.set('date', writeDate(Number(last.url.split('/').at(-1))));
      const update = await callAction(`/contacts/${last.id}/edit`, job.actions.update, [last.id, { ok: false }, form]);
      record('write: form edit', update.result, 'action updateContact');
      if (update.state?.ok === true && typeof update.state.version === 'number') {
        const edit = { ...last, version: update.state.version, kind: 'update' };
        writes.acknowledged.push(edit);
        last = { ...last, version: update.state.version };
        await readBack(pair, edit);
      } else
        refuse(
          { ...update.result, body: update.state ? JSON.stringify(update.state) : update.result.body },
          'form edit',
          last.id,
        );
    }
  }
}

// ------------------------------------------------------------------------------------------------

const progress = setInterval(() => {
  const done = [...routes.values(), ...warmUpRoutes.values()].reduce((sum, f) => sum + f.latencies.length, 0);
  log(`${done} requests, ${writes.acknowledged.length} acknowledged writes`);
}, 30_000);

const watchdog = setTimeout(
  () => {
    log('no result a minute after the end: giving up');
    process.exit(1);
  },
  ((job.warmUpSeconds ?? 0) + job.seconds + 3 * job.timeoutSeconds + 60) * 1000,
);

try {
  const started = performance.now();
  const writers = [
    ...Array.from({ length: job.apiWriters }, (_, i) => apiWriter(i, job.pairs[i])),
    ...Array.from({ length: job.formWriters }, (_, i) => formWriter(i, job.pairs[job.apiWriters + i])),
  ];
  await Promise.all([...Array.from({ length: job.readers }, reader), ...writers]);
  clearInterval(progress);
  const result = {
    seconds: (performance.now() - started) / 1000,
    routes: Object.fromEntries([...routes].map(([key, figures]) => [key, summary(figures)])),
    warmUpRoutes: Object.fromEntries([...warmUpRoutes].map(([key, figures]) => [key, summary(figures)])),
    timeline: Array.from(timeline, (bucket) => bucket ?? { requests: 0, timeouts: 0 }),
    writes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  clearTimeout(watchdog);
  agent.destroy();
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
