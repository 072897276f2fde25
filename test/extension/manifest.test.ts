// The extension manifest's security rules (Workspace Trust): what a repository's
// .vscode/settings.json could otherwise turn into code execution.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/paths';

interface Setting {
  type?: string | string[];
  scope?: string;
  description?: string;
  markdownDescription?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** A setting naming a path or a program: a workspace must not be able to choose it. */
function namesPathOrProgram(name: string, setting: Setting): boolean {
  return /path|program|command|executable|binary|interpreter|node|python|script|dir|folder|file|shell|args/i.test(`${name} ${setting.description ?? ''} ${setting.markdownDescription ?? ''}`);
}

describe('extension manifest', () => {
  it('declares limited support for untrusted workspaces', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.description);
  });

  it('makes every setting that names a path or program machine-scoped or restricted in untrusted workspaces', () => {
    const sections = [manifest.contributes?.configuration ?? []].flat() as { properties?: Record<string, Setting> }[];
    const restricted = new Set<string>(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
    const settings = sections.flatMap((section) => Object.entries(section.properties ?? {}));
    for (const [name, setting] of settings) {
      if (!namesPathOrProgram(name, setting)) continue;
      assert.ok(setting.scope === 'machine' || setting.scope === 'application' || restricted.has(name), `${name} names a path or program: make it "scope": "machine" or list it in restrictedConfigurations`);
    }
  });

  it('runs nothing at startup from a workspace: activation only on hepml files, views and commands', () => {
    for (const event of manifest.activationEvents ?? []) assert.match(event, /^(onLanguage:|workspaceContains:\*\*\/\*\.hepml\.json|onView:hepml\.|onCommand:hepml\.|onWebviewPanel:hepml\.)/, event);
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
  });

  it('has a getting-started walkthrough whose pages exist and whose links name contributed commands', () => {
    const commands = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    const [walkthrough] = manifest.contributes.walkthroughs as { steps: { description: string; media: { markdown: string } }[] }[];
    assert.ok(walkthrough.steps.length >= 4);
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(REPO, step.media.markdown)), step.media.markdown);
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(linked.length > 0 && linked.every((c) => commands.has(c)), `${step.description}`);
    }
  });
});
