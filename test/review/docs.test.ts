/**
 * docs/review.md's ready-made CI snippets use only what exists: every `cjm` command and
 * flag in the GitLab job is in `cjm --help` and that command's help, and the GitHub
 * workflow passes only inputs action.yml declares.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from '../helpers';

const doc = readFileSync(join(ROOT, 'docs/review.md'), 'utf8');
const CLI = join(ROOT, 'dist', 'cli.js');
const help = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).stdout;

function yamlBlockAfter(heading: string): string {
  const at = doc.indexOf(heading);
  assert.ok(at >= 0, heading);
  const m = /```yaml\n([\s\S]*?)\n```/.exec(doc.slice(at));
  assert.ok(m, `a yaml block under ${heading}`);
  return m[1];
}

test('the GitLab job: valid YAML whose cjm commands and flags exist', () => {
  const block = yamlBlockAfter('## GitLab CI');
  const job = (parse(block) as Record<string, { script: string[] }>)['cjm-review'];
  const script = job.script.join('\n');
  const calls = [...script.matchAll(/npx cjm ([a-z-]+)([^\n]*)/g)];
  assert.ok(calls.length >= 2);
  const commands = help('--help');
  for (const [, cmd, args] of calls) {
    assert.match(commands, new RegExp(`^ {2}${cmd} `, 'm'), `cjm ${cmd} exists`);
    const usage = help(cmd, '--help');
    for (const flag of args.match(/--[a-z-]+/g) ?? []) assert.ok(usage.includes(flag), `cjm ${cmd} ${flag}`);
    const format = /--format ([a-z-]+)/.exec(args)?.[1];
    if (format) assert.ok(usage.includes(format), `cjm ${cmd} --format ${format}`);
  }
  assert.match(script, /<!-- cjm-review -->/, 'the note is found by the same marker');
});

test('the GitHub workflow: valid YAML that passes only inputs action.yml declares', () => {
  const wf = parse(yamlBlockAfter('## GitHub Action')) as { jobs: { review: { steps: Array<{ uses?: string; with?: Record<string, string> }> } } };
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
  const step = wf.jobs.review.steps.find((s) => s.uses?.startsWith('cjm-tools/cjm@'));
  assert.ok(step);
  for (const k of Object.keys(step.with ?? {})) assert.ok(k in action.inputs, k);
  const checkout = wf.jobs.review.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
  assert.equal(String(checkout?.with?.['fetch-depth']), '0');
});
