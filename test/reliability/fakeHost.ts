// Child process for the orphan test: stands in for an extension host that starts a search the
// way the extension does (fork with IPC, recorded in the process registry), then waits to be killed.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { ProcessRegistry } from '../../src/core/store/processRegistry';

const [registryDir, workspace] = process.argv.slice(2);
const registry = new ProcessRegistry(registryDir);
const child = fork(path.resolve(__dirname, '..', '..', 'bin', 'hepml.js'), ['search', 's.hepml.json', '--json'], { cwd: workspace, execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
registry.add(child.pid!, 'hepml search');
process.stdout.write(`child ${child.pid}\n`);
setInterval(() => undefined, 1000);
