import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { findConfig, loadConfigFile, RuleSettingsResolver } from '../../src/config/config.js';
import { UsageError } from '../../src/errors.js';
import { tempTree } from '../support/cli.js';

describe('config', () => {
  it('is found upward from the target', () => {
    const dir = tempTree({ 'saltire.config.yaml': 'failOn: low\n', 'a/b/c.txt': 'x' });
    expect(findConfig(path.join(dir, 'a', 'b'))).toBe(path.join(dir, 'saltire.config.yaml'));
    expect(loadConfigFile(path.join(dir, 'saltire.config.yaml')).config.failOn).toBe('low');
  });

  it.each([
    ['bogus: 1\n', /unknown key "bogus" at \(top level\)/],
    ['rules:\n  not-a-rule: off\n', /invalid rule id "not-a-rule"/],
    ['overrides:\n  - files: ["a/**"]\n    colour: red\n', /unknown key "colour" at overrides.0/],
    ['failOn: sometimes\n', /failOn must be one of/],
    ['rules: [1, 2\n', /not valid YAML/],
  ])('rejects %j', (text, message) => {
    const dir = tempTree({ 'saltire.config.yaml': text });
    expect(() => loadConfigFile(path.join(dir, 'saltire.config.yaml'))).toThrow(UsageError);
    expect(() => loadConfigFile(path.join(dir, 'saltire.config.yaml'))).toThrow(message);
  });

  it('resolves severities and options: defaults, pack wildcard, rule, then overrides in order', () => {
    const r = new RuleSettingsResolver({
      rules: { 'iac/*': 'low', 'iac/b': { severity: 'critical', options: { x: 1 } } },
      overrides: [
        { files: ['legacy/**'], rules: { 'iac/*': 'off' } },
        { files: ['legacy/keep/**'], rules: { 'iac/b': 'medium' } },
      ],
    });
    const def = { severity: 'high' as const, options: { y: 2 } };
    expect(r.resolve('main.tf', 'iac/a', def)).toEqual({ severity: 'low', options: { y: 2 } });
    expect(r.resolve('main.tf', 'iac/b', def)).toEqual({ severity: 'critical', options: { y: 2, x: 1 } });
    expect(r.resolve('main.tf', 'secrets/c', def)).toEqual(def);
    expect(r.resolve('legacy/main.tf', 'iac/a', def)).toBeNull();
    expect(r.resolve('legacy/keep/main.tf', 'iac/b', def)).toEqual({ severity: 'medium', options: { y: 2 } });
  });
});
