// Entry for extensionTestsPath: runs the mocha suite inside the real extension host.
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { registerExtensionTests } from './extension.e2e';
import { registerLiveTests } from './live.e2e';
import { registerRestrictedModeTests } from './restricted.e2e';

export function run(): Promise<void> {
  // HEPML_E2E_GREP runs the tests whose titles match it (while working on one).
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec', ...(process.env.HEPML_E2E_GREP ? { grep: process.env.HEPML_E2E_GREP } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  if (process.env.HEPML_E2E_SUITE === 'restricted') registerRestrictedModeTests();
  else {
    registerExtensionTests();
    registerLiveTests();
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const out = process.env.HEPML_E2E_RESULT;
      if (out) fs.writeFileSync(out, JSON.stringify({ failures }) + '\n');
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
