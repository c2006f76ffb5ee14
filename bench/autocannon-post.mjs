// autocannon POSTing a file's bytes, printing its JSON report as `autocannon -j` does. The command
// line's `-i` reads the body as text, which spoils a binary upload; the API takes a Buffer.
// node bench/autocannon-post.mjs '{"url":…,"bodyFile":…,"connections":…,"seconds":…,"headers":{…}}'
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
const result = await autocannon({ url: o.url, method: 'POST', body: readFileSync(o.bodyFile), headers: o.headers, connections: o.connections, duration: o.seconds, timeout: 30 });
process.stdout.write(JSON.stringify(result) + '\n');
