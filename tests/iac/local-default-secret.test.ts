import { describe, expect, it } from 'vitest';
import { isLocalDefaultSecret } from '../../rules/iac/dockerfile/lib.js';
import { loadPacks } from '../../src/packs/load.js';
import { scan } from '../../src/engine/scan.js';
import { tempTree } from '../support/cli.js';

describe('local development defaults in compose environments', () => {
  it.each([
    ['POSTGRES_PASSWORD', 'postgres', true],
    ['MYSQL_ROOT_PASSWORD', 'root', true],
    ['KEYCLOAK_ADMIN_PASSWORD', 'developmentpassword', true],
    ['CLIENT_SECRET', 'clientsecret', true],
    ['API_TOKEN', 'local-dev-token', true],
    ['AUTH_CODE_CLIENT_SECRET', 'clientsecret', true],
    ['SESSION_SECRET', 'somesecretvalue', true],
    ['GRAFANA_PASSWORD', 'grafana', false],
    ['SESSION_SECRET', 'Xk29-vQp81LmzA', false],
    ['DB_PASSWORD', 'correcthorse', false],
    ['API_KEY', 'sk_live_51HxyzABCDEF', false],
  ])('%s=%s → %s', (name, value, expected) => {
    expect(isLocalDefaultSecret(name, value)).toBe(expected);
  });

  it('are reported at low, other literals at high', async () => {
    const dir = tempTree({ 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n      API_KEY: Xk29-vQp81LmzA\n' });
    const packs = await loadPacks(['iac'], dir);
    const result = await scan({ targets: [dir], cwd: dir, packs, config: { config: {}, hash: 'x' }, gitignore: false, maxFileSize: 1024 * 1024, today: '2026-01-01' });
    const found = result.findings.filter((f) => f.ruleId === 'iac/compose-secret-in-environment').map((f) => [f.range.start.line, f.messageId, f.severity]);
    expect(found).toEqual([
      [5, 'localDefault', 'low'],
      [6, 'literal', 'high'],
    ]);
  });
});
