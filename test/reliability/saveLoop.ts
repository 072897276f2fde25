// Child process for the kill-during-save test: saves fresh models to one folder forever.
import { chooseBackend } from '../../src/core/model/backend';
import { buildNetwork } from '../../src/core/model/network';
import { saveModel } from '../../src/core/model/save';
import { createRng } from '../../src/core/util/random';

const directory = process.argv[2];
void (async () => {
  await chooseBackend();
  for (let n = 0; ; n++) {
    const network = buildNetwork(8, [{ units: 256, activation: 'relu', kernelInitializer: 'glorot_uniform', dropout: 0, l2: 0 }], 2, createRng(n));
    await saveModel(network.model, directory);
    network.model.dispose();
    process.stdout.write(`saved ${n}\n`);
  }
})();
