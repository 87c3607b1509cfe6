import type { Rule } from '../../../src/model/rule.js';
import { isLoopback, onceReporter, portsOf, servicesOf } from './lib.js';

/** Container ports of data stores and admin interfaces that should not face the network. */
export const SENSITIVE_PORTS: Record<number, string> = {
  5432: 'PostgreSQL',
  3306: 'MySQL/MariaDB',
  33060: 'MySQL X protocol',
  1433: 'SQL Server',
  1521: 'Oracle',
  27017: 'MongoDB',
  27018: 'MongoDB',
  27019: 'MongoDB',
  6379: 'Redis',
  11211: 'Memcached',
  9200: 'Elasticsearch/OpenSearch',
  9300: 'Elasticsearch transport',
  5984: 'CouchDB',
  7474: 'Neo4j browser',
  7687: 'Neo4j Bolt',
  8086: 'InfluxDB',
  9042: 'Cassandra',
  26257: 'CockroachDB',
  8529: 'ArangoDB',
  28015: 'RethinkDB',
  2379: 'etcd',
  2380: 'etcd peer',
  5672: 'RabbitMQ',
  15672: 'RabbitMQ management',
  9092: 'Kafka',
  2181: 'ZooKeeper',
  8983: 'Solr',
  2375: 'Docker API (plain text)',
  2376: 'Docker API',
  8500: 'Consul',
  8200: 'Vault',
};

/** Publishing a database on every host interface puts it one firewall mistake from the internet. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-database-port-exposed',
    title: 'Database or admin port published on all interfaces',
    description:
      'A `ports:` entry without a host IP (`"5432:5432"`, or just `"5432"`) publishes the port on every interface of the host, and Docker\'s own firewall rules bypass host firewalls such as ufw. Databases, caches, message brokers and admin APIs then face whatever network the host is on. Other services reach them over the Compose network without any published port; developers can bind to 127.0.0.1. UDP and SCTP mappings are not reported: the listed services are reached over TCP.',
    severity: 'medium',
    kinds: ['docker-compose'],
    messages: {
      exposed: 'Service {{service}} publishes {{what}} port {{port}} on all host interfaces ({{binding}}) (expected no published port, or a loopback binding such as `127.0.0.1:{{port}}:{{port}}`); bind it to 127.0.0.1 or remove it.',
    },
    remediation: 'Remove the `ports:` entry (other services use the Compose network and the service name), or bind it to loopback: `"127.0.0.1:5432:5432"` (long syntax: `host_ip: 127.0.0.1`).',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#ports',
      'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4', 'B5'], cwe: ['CWE-668'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const p of portsOf(s.node)) {
        // the listed services speak TCP: a UDP (or SCTP) mapping of the same number is something else
        if (p.hostIpUnknown || p.protocol !== 'tcp') continue;
        const ip = p.hostIp.trim();
        if (ip !== '' && ip !== '0.0.0.0' && ip !== '::' && ip !== '[::]') continue;
        if (isLoopback(ip)) continue;
        const port = p.containerPorts.find((n) => SENSITIVE_PORTS[n]);
        if (port === undefined) continue;
        report(p.node, { messageId: 'exposed', data: { service: s.name, what: SENSITIVE_PORTS[port], port, binding: ip === '' ? 'no host IP given' : ip } });
      }
    }
  },
};
export default rule;
