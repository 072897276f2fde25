// Restricted mode (Workspace Trust): configs are checked as the user types, but nothing that
// starts a process runs, whichever way a command is invoked.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HepmlApi } from '../../../src/extension/extension';

const EXTENSION_ID = 'hepml-lab.hepml-lab';

/** Child processes of this extension host (Linux /proc), to prove none was started. */
function childProcesses(): string[] {
  const tasks = fs.readdirSync(`/proc/${process.pid}/task`);
  return tasks.flatMap((task) => fs.readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
}

export function registerRestrictedModeTests(): void {
  suite('HEP ML Lab in restricted mode', () => {
    let api: HepmlApi;
    const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

    suiteSetup(async () => {
      api = await vscode.extensions.getExtension<HepmlApi>(EXTENSION_ID)!.activate();
    });

    test('the workspace is untrusted and the extension is active', () => {
      assert.equal(vscode.workspace.isTrusted, false);
      assert.ok(api.experiments);
    });

    test('configs are still checked as the user types', async () => {
      const uri = vscode.Uri.file(path.join(root(), 'r.hepml.json'));
      const config = { data: { sources: [{ path: 'events.csv' }], features: ['x1', 'nosie'], label: { column: 'label', map: { s: 'signal', b: 'background' } } }, model: { hidden: { layers: 1, units: 4 } }, training: { epochs: 2 } };
      await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(config, null, 2)));
      await vscode.window.showTextDocument(uri);
      const deadline = Date.now() + 10_000;
      while (!vscode.languages.getDiagnostics(uri).some((d) => /feature "nosie": events\.csv has no column "nosie"/.test(d.message))) {
        if (Date.now() > deadline) throw new Error('no diagnostic in restricted mode');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    test('every command that would start a process refuses, and none starts', async () => {
      const uri = vscode.Uri.file(path.join(root(), 'r.hepml.json'));
      const before = childProcesses();
      const fakeRun = path.join(root(), 'not-a-run');
      fs.mkdirSync(fakeRun, { recursive: true });
      fs.writeFileSync(path.join(fakeRun, 'run.json'), '{}');
      for (const [command, argument] of [['train', uri], ['runSearch', uri], ['resume', uri], ['learningCurve', uri], ['validationCurve', uri], ['calibrate', uri], ['ensemble', uri], ['exploreData', uri], ['stop', fakeRun], ['resume', fakeRun]] as const) {
        const result = await vscode.commands.executeCommand(`hepml.${command}`, argument);
        assert.equal(result, undefined, `hepml.${command} refused`);
      }
      assert.ok(!fs.existsSync(path.join(root(), '.hepml')), 'no run folder was made');
      assert.deepEqual(childProcesses(), before, 'no process was started');
      const tracked = api.processDirectory();
      assert.ok(!tracked || !fs.existsSync(path.join(tracked, `host-${process.pid}.json`)), 'nothing was recorded as started');
    });
  });
}
