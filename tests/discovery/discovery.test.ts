import { describe, expect, it } from 'vitest';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { discover, type DiscoveryFs } from '../../src/discovery/walk.js';
import { classify, helmChartDirs, isInHelmChart } from '../../src/discovery/classify.js';
import { tempTree } from '../support/cli.js';

describe('discovery', () => {
  it('honours nested .gitignore files and .saltireignore, and skips default folders', async () => {
    const dir = tempTree({
      '.gitignore': '*.log\n/build/\n',
      'app/.gitignore': 'secret.txt\n!keep.log\n',
      'app/secret.txt': 'x',
      'app/keep.log': 'x',
      'app/a.log': 'x',
      'build/out.js': 'x',
      'node_modules/m/index.js': 'x',
      '.git/config': 'x',
      '.saltireignore': 'vendor/\n',
      'vendor/lib.js': 'x',
      'src/main.ts': 'x',
    });
    const { files } = discover(dir, { gitignore: true });
    expect(files.map((f) => f.path)).toEqual(['.gitignore', '.saltireignore', 'app/.gitignore', 'app/keep.log', 'src/main.ts']);
    const all = discover(dir, { gitignore: false });
    expect(all.files.map((f) => f.path)).toContain('build/out.js');
    expect(all.files.map((f) => f.path)).not.toContain('vendor/lib.js');
  });

  it('without stats, takes listed regular files as they are but still follows, bounds and reports symlinks', () => {
    const dir = tempTree({ '.gitignore': '*.log\n', 'a/x.txt': 'x', 'a/b.log': 'x', 'b/y.txt': 'yy' });
    symlinkSync(path.join(dir, 'a/x.txt'), path.join(dir, 'b/link.txt'));
    symlinkSync('/etc/hostname', path.join(dir, 'b/outside.txt'));
    mkdirSync(path.join(dir, 'c'));
    symlinkSync('..', path.join(dir, 'c/loop'));
    let lstats = 0;
    const fs: DiscoveryFs = {
      readdir: (d) => readdirSync(d, { withFileTypes: true }),
      stat: (p) => statSync(p),
      lstat: (p) => (lstats++, lstatSync(p)),
      realpath: (p) => realpathSync(p),
      readFile: (p) => readFileSync(p, 'utf8'),
    };
    const withStats = discover(dir, { gitignore: true }, fs);
    const statted = lstats;
    lstats = 0;
    const without = discover(dir, { gitignore: true, stats: false }, fs);
    expect(without.files.map((f) => f.path)).toEqual(withStats.files.map((f) => f.path));
    expect(without.files.map((f) => f.path)).toEqual(['.gitignore', 'a/x.txt', 'b/link.txt', 'b/y.txt']);
    expect(without.skipped).toEqual(withStats.skipped);
    expect(without.skipped.map((s) => s.reason).sort()).toEqual(['symlink loop', 'symlink points outside the scan target']);
    // folders and symlinks are still looked at; the four regular files are not
    expect(statted - lstats).toBe(4);
    expect(without.files.find((f) => f.path === 'b/y.txt')?.size).toBeUndefined();
    expect(withStats.files.find((f) => f.path === 'b/y.txt')?.size).toBe(2);
  });

  it('reports a folder it cannot read and goes on', async () => {
    const dir = tempTree({ 'a/x.txt': 'x', 'b/y.txt': 'y' });
    const fs: DiscoveryFs = {
      readdir: (d) => {
        if (d.endsWith(`${path.sep}a`)) throw Object.assign(new Error('denied'), { code: 'EACCES' });
        return readdirSync(d, { withFileTypes: true });
      },
      stat: (p) => statSync(p),
      lstat: (p) => lstatSync(p),
      realpath: (p) => realpathSync(p),
      readFile: (p) => readFileSync(p, 'utf8'),
    };
    const { files, skipped } = discover(dir, { gitignore: true }, fs);
    expect(files.map((f) => f.path)).toEqual(['b/y.txt']);
    expect(skipped).toEqual([{ file: 'a', reason: 'unreadable folder (EACCES)' }]);
  });
});

describe('classification by name and content', () => {
  it.each([
    ['main.tf', '', 'terraform'],
    ['vars.tfvars', '', 'terraform'],
    ['stack.tf.json', '{}', 'terraform'],
    ['catalogue.jsonld', '{ "@context": "https://schema.org/", "@type": "Dataset" }', 'json'],
    ['wards.geojson', '{ "type": "FeatureCollection", "features": [] }', 'json'],
    ['Dockerfile', '', 'dockerfile'],
    ['api.Dockerfile', '', 'dockerfile'],
    ['Dockerfile.prod', '', 'dockerfile'],
    ['Containerfile', '', 'dockerfile'],
    ['.github/workflows/ci.yml', 'on: push', 'github-workflow'],
    // action metadata: a top-level `runs:` with `using:`, under any folder; other action.yml files are plain YAML
    ['action.yml', 'name: Lint\ndescription: x\nruns:\n  # composite\n\n  steps: []\n  using: composite\n', 'github-action'],
    ['.github/actions/setup/action.yaml', "runs:\n  using: 'docker'\n  image: docker://alpine:3.20\n", 'github-action'],
    ['tools/Action.YML', 'runs: { main: index.js, using: node20 }\n', 'github-action'],
    ['action.yml', 'name: deploy\nsteps:\n  - using: composite\n', 'yaml'],
    ['action.yml', 'runs:\n  main: index.js\nusing: node20\n', 'yaml'],
    ['config/action.yaml', 'apiVersion: v1\nkind: ConfigMap\n', 'kubernetes'],
    ['not-action.yml', 'runs:\n  using: composite\n', 'yaml'],
    ['docker-compose.yml', 'services: {}', 'docker-compose'],
    ['compose.override.yaml', 'services: {}', 'docker-compose'],
    ['deploy/stack.yml', 'version: "3.9"\n\nservices:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n', 'docker-compose'],
    ['positive1.yaml', 'services:\n  # the app\n  "api":\n    build:\n      context: .\n', 'docker-compose'],
    ['.gitlab-ci.yml', 'image: docker:27\nservices:\n  - docker:27-dind\nbuild:\n  script: docker build .\n', 'yaml'],
    ['settings.yaml', 'services:\n  mail:\n    host: smtp.example.org\n', 'yaml'],
    ['k8s/app.yaml', 'apiVersion: v1\nkind: Pod\n', 'kubernetes'],
    ['k8s/app.json', '{"apiVersion": "v1", "kind": "Pod"}', 'kubernetes'],
    ['cfn.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', 'cloudformation'],
    ['stack.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'cloudformation'],
    ['cfn.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}', 'cloudformation'],
    ['openapi.yaml', 'openapi: 3.0.0\n', 'openapi'],
    ['swagger.json', '{\n  "swagger": "2.0"\n}', 'openapi'],
    ['publiccode.yml', '', 'publiccode'],
    ['.well-known/security.txt', '', 'security-txt'],
    ['package-lock.json', '{}', 'lockfile'],
    ['requirements.txt', '', 'lockfile'],
    ['requirements-dev.txt', '', 'lockfile'],
    ['go.mod', '', 'lockfile'],
    ['index.html', '', 'html'],
    ['views/page.njk', '', 'nunjucks'],
    // server-side templates other than Nunjucks: an HTML inner extension says so, otherwise the content must be markup
    ['app/views/users/show.html.erb', '', 'erb'],
    ['app/views/devise/_links.erb', '<%= link_to "Sign in", new_session_path %><br />', 'erb'],
    ['app/views/mailer/welcome.text.erb', 'Hello <%= @name %>', 'text'],
    ['app/views/items/create.js.erb', '$("#list").append("<li><%= j @item.name %></li>");', 'text'],
    ['app/views/items/_item.turbo_stream.erb', '<turbo-stream action="append"><template><div><%= item %></div></template></turbo-stream>', 'erb'],
    ['views/index.ejs', '<%- include("header") %>\n<main><h1><%= title %></h1></main>', 'ejs'],
    ['views/page.html.ejs', '', 'ejs'],
    ['templates/bottleneck.d.ts.ejs', 'declare module "x" { <% if (a) { %> }', 'text'],
    ['views/email.ejs', 'Dear <%= name %>,', 'text'],
    ['app/templates/views/index.html.j2', '', 'nunjucks'],
    ['templates/base.jinja2', '<!DOCTYPE html>\n<html lang="en">{% block body %}{% endblock %}</html>', 'nunjucks'],
    ['templates/page.jinja', '{% extends "base.jinja" %}{% block main %}<p>Hi</p>{% endblock %}', 'nunjucks'],
    ['roles/web/templates/nginx.conf.j2', 'server { listen {{ port }}; }', 'text'],
    ['roles/web/templates/vhost.j2', '<VirtualHost *:80>\n  ServerName {{ host }}\n</VirtualHost>', 'text'],
    ['templates/page.html.twig', '', 'nunjucks'],
    ['templates/card.twig', '<div class="card">{{ title }}</div>', 'nunjucks'],
    ['_layouts/default.liquid', '<html><body>{{ content }}</body></html>', 'nunjucks'],
    ['feed.json.liquid', '{"items": [{% for p in posts %}"{{ p.url }}"{% endfor %}]}', 'text'],
    ['_includes/data.liquid', '{"a": "{{ site.title }}"}', 'text'],
    ['views/home.hbs', '<h1>{{title}}</h1>{{> footer}}', 'nunjucks'],
    ['views/layouts/main.handlebars', '<!DOCTYPE html><html><body>{{{body}}}</body></html>', 'nunjucks'],
    ['src/App.tsx', '', 'javascript'],
    ['src/types.d.ts', '', 'text'],
    ['dist/app.min.js', '', 'text'],
    ['data/people.csv', '', 'csv'],
    ['config.yaml', 'a: 1', 'yaml'],
    ['data.json', '{"a": 1}', 'json'],
    ['notes.md', '', 'text'],
  ])('%s is %s', (p, text, kind) => {
    expect(classify(p, text, false)).toBe(kind);
  });

  it('treats templates/ of a folder with Chart.yaml as Helm templates', () => {
    const charts = helmChartDirs(['charts/app/Chart.yaml', 'charts/app/templates/deploy.yaml', 'other/templates/x.yaml']);
    expect(isInHelmChart('charts/app/templates/deploy.yaml', charts)).toBe(true);
    expect(isInHelmChart('other/templates/x.yaml', charts)).toBe(false);
    expect(classify('charts/app/templates/deploy.yaml', 'apiVersion: v1\nkind: Pod\n', true)).toBe('helm');
  });

  it('reads a long action.yml `runs:` block without `using:` in linear time', () => {
    const text = `runs:\n${'    - run: echo x\n    # note\n\n      shell: bash\n'.repeat(4000)}top: 1\n`;
    const t0 = performance.now();
    expect(classify('action.yml', text, false)).toBe('yaml');
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
