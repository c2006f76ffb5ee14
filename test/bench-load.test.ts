// The load generators of the portal measurement against a small loopback server: both report the
// same fields, count failures, and wrk's report is parsed from its Lua `done` line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTest, parseWrkReport, wrkInstalled, type LoadTool } from '../bench/http-load.ts';

describe('bench/http-load', () => {
  let server: Server;
  let base = '';
  const seen: (string | undefined)[] = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers['accept-encoding']);
      if (req.url === '/missing') res.writeHead(404).end('no');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1000));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  for (const tool of ['wrk', 'autocannon'] as LoadTool[]) {
    it(`${tool}: latency percentiles, requests/s, bytes, failures, headers sent`, {
      skip: tool === 'wrk' && !wrkInstalled() ? 'wrk is not installed (scripts/setup-system.sh bench)' : false,
    }, async () => {
      seen.length = 0;
      const ok = await loadTest({ url: `${base}/`, connections: 4, seconds: 1, tool, headers: { 'Accept-Encoding': 'gzip, br' } });
      assert.equal(ok.tool, tool);
      assert.ok(ok.requests > 50, `${ok.requests} requests`);
      assert.ok(ok.p50Ms >= 0 && ok.maxMs > 0 && ok.p50Ms <= ok.p90Ms && ok.p90Ms <= ok.p99Ms && ok.p99Ms <= ok.maxMs, JSON.stringify(ok));
      assert.ok(ok.requestsPerSecond > ok.requests / 2 && ok.requestsPerSecond < ok.requests * 2, `${ok.requestsPerSecond}/s for ${ok.requests} in ~1 s`);
      assert.ok(ok.bytesPerResponse > 1000 && ok.bytesPerResponse < 1300, `${ok.bytesPerResponse} bytes per response`);
      assert.equal(ok.non2xx, 0);
      assert.equal(ok.errors, 0);
      assert.ok(seen.length > 0 && seen.every((h) => h === 'gzip, br'), 'the header went with every request');
      const missing = await loadTest({ url: `${base}/missing`, connections: 2, seconds: 1, tool });
      assert.ok(missing.requests > 0 && missing.non2xx === missing.requests, `${missing.non2xx} of ${missing.requests} counted as failures`);
    });
  }

  it("parses wrk's report line after its own summary", () => {
    const out = `Running 10s test @ http://127.0.0.1:1/\n  1 threads and 100 connections\n  61922 requests in 10.08s\nRequests/sec: 6144.52\n{"p50Us":13341,"p90Us":37026,"p99Us":41141,"maxUs":51727,"meanUs":15000.5,"requests":61922,"durationUs":10077000,"bytes":847092960,"connectErrors":0,"readErrors":1,"writeErrors":0,"statusErrors":3,"timeouts":2}\n`;
    assert.deepEqual(parseWrkReport(out), {
      tool: 'wrk',
      p50Ms: 13.341,
      p90Ms: 37.026,
      p99Ms: 41.141,
      maxMs: 51.727,
      requestsPerSecond: 6144.9,
      requests: 61922,
      bytesPerResponse: 13680,
      non2xx: 3,
      errors: 3,
    });
    assert.throws(() => parseWrkReport('wrk: invalid option'), /no report/);
  });
});
