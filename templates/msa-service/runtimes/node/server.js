'use strict';

const http = require('node:http');

const port = Number(process.env.PORT || ${{ values.port }});
const service = ${{ values.name | dump }};

function log(level, msg, fields) {
  process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields })}\n`);
}

const server = http.createServer((req, res) => {
  const started = Date.now();
  if (req.url === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ service, path: req.url }));
  log('info', 'request', { method: req.method, path: req.url, status: 200, duration_ms: Date.now() - started });
});

server.listen(port, () => log('info', `${service} listening on ${port}`, {}));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
