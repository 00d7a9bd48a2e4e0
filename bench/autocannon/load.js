// POST /deposits under autocannon, each request with its own pre-minted single-use card token (the C# bench mints the
// tokens and the families' bearer tokens, writes them to a JSON file, runs this script and reads what it prints).
//   node load.js PLAN.json   (PLAN: { url, clients, warmup, seconds, families: [jwt…], people: [[number, lastName]…], tokens: [tok…] })
// Prints "measure" when the measured window starts, then one JSON line: accepted, errors, p50/p99/max latency (ms), seconds.
'use strict';
const fs = require('fs');
const autocannon = require('autocannon');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let next = 0;
let n = 0;

function request() {
  return {
    method: 'POST',
    path: '/deposits',
    setupRequest(req) {
      const i = n++;
      const [number, lastName] = plan.people[(i * 7919) % plan.people.length];
      // One family per request stream keeps per-family rate limits out of the way (the C# generator does the same per client).
      req.headers = {
        'content-type': 'application/json',
        authorization: 'Bearer ' + plan.families[i % plan.families.length],
        'idempotency-key': 'ac' + i,
      };
      req.body = JSON.stringify({
        personNumber: number, lastName, channel: 'online', amountCents: 1000 + (i % 5000), targetAccount: 'trust',
        // Out of tokens: the processor refuses a made-up one (422), counted as an error; mint more (--tokens).
        authorizationReference: next < plan.tokens.length ? plan.tokens[next++] : 'tok_none',
      });
      return req;
    },
  };
}

function run(seconds) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: plan.url, connections: plan.clients, duration: seconds, requests: [request()], expectBody: undefined,
    }, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: process.stderr });
  });
}

(async () => {
  const warm = plan.warmup > 0 ? await run(plan.warmup) : null;
  console.log('measure');
  const started = Date.now();
  const r = await run(plan.seconds);
  const seconds = (Date.now() - started) / 1000;
  const accepted = r['2xx'];
  console.log(JSON.stringify({
    accepted, errors: r.non2xx + r.errors + r.timeouts, acceptedIncludingWarmup: accepted + (warm ? warm['2xx'] : 0),
    p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, seconds, requestsPerSecond: accepted / r.duration,
  }));
})().catch(e => { console.error(e); process.exit(1); });
