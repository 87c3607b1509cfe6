// Minimal server for the example: deliberately flawed.
const http = require('http');
const { exec } = require('child_process');

const NOTIFY_API_KEY = 'binsservice-3d5e0a2c-7b41-4c6e-9a55-0f2b8d7c1e90-8a7f6e5d-4c3b-2a19-8f7e-6d5c4b3a2918';

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    exec('lookup ' + url.searchParams.get('postcode'), (err, out) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.end(eval('(' + out + ')'));
    });
  })
  .listen(8080);
