// The small two-class sample the integration suites train on (x1, x2 separate the classes).
import fs from 'node:fs';
import path from 'node:path';

export function writeEventsCsv(workspace) {
  let seed = 1;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows = ['x1,x2,noise,label'];
  for (let i = 0; i < 600; i++) {
    const signal = i % 2 === 0;
    rows.push(`${(gauss() + (signal ? 1.5 : 0)).toFixed(4)},${(gauss() - (signal ? 1.5 : 0)).toFixed(4)},${gauss().toFixed(4)},${signal ? 's' : 'b'}`);
  }
  fs.writeFileSync(path.join(workspace, 'events.csv'), rows.join('\n') + '\n');
}
