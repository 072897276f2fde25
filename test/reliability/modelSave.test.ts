// A process killed while it saves a model never leaves the store without a loadable model.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { chooseBackend } from '../../src/core/model/backend';
import { loadModel } from '../../src/core/model/save';
import { createRng } from '../../src/core/util/random';
import { REPO, tempDir } from '../helpers/paths';

const KILLS = Number(process.env.HEPML_SAVE_KILLS ?? 12);

function saveUntilKilled(directory: string, delayMs: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'saveLoop.ts'), directory], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let saved = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (text: Buffer) => {
      saved += (text.toString().match(/saved/g) ?? []).length;
      // Arm the kill once the first model exists, at a seeded random moment after it.
      if (!timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', () => resolve(saved));
  });
}

describe(`kill during model save (${KILLS} kills at seeded random moments)`, () => {
  before(async () => {
    await chooseBackend();
  });

  it('the model folder always loads after a SIGKILL, and no version folders pile up', async () => {
    const rng = createRng('save-kills');
    const directory = path.join(tempDir(), 'model');
    let saves = 0;
    for (let k = 0; k < KILLS; k++) {
      saves += await saveUntilKilled(directory, Math.floor(rng() * 200));
      const model = await loadModel(directory);
      assert.equal(model.layers.length, 3, `kill ${k}: a complete model loads`);
      model.dispose();
      const versions = fs.readdirSync(path.dirname(directory)).filter((name) => name.startsWith('model.v'));
      assert.ok(versions.length <= 2, `kill ${k}: ${versions.length} version folders (the current one, at most one killed mid-save)`);
    }
    assert.ok(saves > KILLS, `${saves} saves interrupted ${KILLS} times`);
  });
});
