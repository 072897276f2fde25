// Every message across a process or webview boundary is validated before use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_EXPORT_BYTES, parseWebviewMessage } from '../../../src/core/protocol/webviewMessages';
import { parseSearchProgress, progressLine } from '../../../src/core/protocol/searchProgress';
import { MAX_MESSAGE_BYTES, parseWorkerEvent, parseWorkerRequest } from '../../../src/core/protocol/workerMessages';

const job = { id: '1:0', config: { data: {} }, configFile: '/w/c.hepml.json', workspace: '/w', fold: 0, folds: 3 };

describe('message validation', () => {
  it('accepts well-formed worker requests and events', () => {
    assert.deepEqual(parseWorkerRequest({ type: 'cancel' }), { type: 'cancel' });
    assert.equal(parseWorkerRequest({ type: 'fold', job })?.type, 'fold');
    assert.deepEqual(parseWorkerEvent({ type: 'heartbeat' }), { type: 'heartbeat' });
    assert.deepEqual(parseWorkerEvent({ type: 'progress', jobId: 'a', epoch: 1, epochs: 3 }), { type: 'progress', jobId: 'a', epoch: 1, epochs: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'rendered', plots: 3, errors: [] }), { type: 'rendered', plots: 3, errors: [] });
    assert.deepEqual(parseWebviewMessage({ type: 'drawn', rows: { convergence: 4 } }), { type: 'drawn', rows: { convergence: 4 } });
  });

  it('rejects unknown, malformed, oversized and prototype-polluting messages', () => {
    const hostile: unknown[] = [
      null, 'train', 42, [], { type: 'exec', command: 'rm -rf /' }, { type: 'train' }, { type: 'train', configFile: 1, workspace: '/' },
      { type: 'fold', job: { ...job, fold: 3 } }, { type: 'fold', job: { ...job, fold: -1 } }, { type: 'fold', job: { ...job, trainSize: 0 } },
      { type: 'fold', job: { ...job, config: 'not an object' } }, { type: 'fold', job: { ...job, refit: 'yes' } },
      { type: 'fold', job: { ...job, config: { blob: 'x'.repeat(MAX_MESSAGE_BYTES) } } },
      JSON.parse('{"type": "cancel", "__proto__": {"polluted": true}}'),
      Object.create({ type: 'cancel' }),
    ];
    for (const message of hostile) assert.equal(parseWorkerRequest(message), undefined, `request ${JSON.stringify(message)?.slice(0, 80)}`);
    const events: unknown[] = [
      { type: 'done' }, { type: 'done', summary: 'x' }, { type: 'foldDone', jobId: 1 }, { type: 'failed', message: 'm' },
      { type: 'progress', jobId: 'a', epoch: '1', epochs: 3 }, { type: 'ready' }, JSON.parse('{"type": "heartbeat", "__proto__": {}}'),
    ];
    for (const message of events) assert.equal(parseWorkerEvent(message), undefined, `event ${JSON.stringify(message)}`);
    const webview: unknown[] = [
      { type: 'rendered', plots: -1, errors: [] }, { type: 'rendered', plots: 1.5, errors: [] }, { type: 'rendered', plots: 1, errors: [1] },
      { type: 'ready', run: 'command:workbench.action.terminal.new' }, { type: 'open', path: '/etc/passwd' },
      JSON.parse('{"type": "ready", "__proto__": {"x": 1}}'), { type: 'rendered', plots: 1, errors: ['x'.repeat(MAX_MESSAGE_BYTES)] },
      { type: 'drawn' }, { type: 'drawn', rows: { convergence: -1 } }, { type: 'drawn', rows: { '../x': 1 } }, { type: 'drawn', rows: {}, extra: 1 },
    ];
    for (const message of webview) assert.equal(parseWebviewMessage(message), undefined, `webview ${JSON.stringify(message)?.slice(0, 80)}`);
  });

  it('accepts opening a trial or its config only by its number', () => {
    for (const type of ['openTrial', 'openTrialConfig']) {
      assert.deepEqual(parseWebviewMessage({ type, trial: 4 }), { type, trial: 4 });
      for (const message of [{ type, trial: -1 }, { type, trial: 1.5 }, { type, trial: '4' }, { type, trial: 4, path: '/etc/passwd' }, { type }]) {
        assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
      }
    }
  });

  it('accepts a plot export only with a plain id, svg text or a PNG data URL, and a bounded size', () => {
    const svg = { type: 'export', id: 'roc', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' };
    const png = { type: 'export', id: 'refit-roc', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' };
    assert.deepEqual(parseWebviewMessage(svg), svg);
    assert.deepEqual(parseWebviewMessage(png), png);
    const refused: unknown[] = [
      { ...svg, id: '../../.bashrc' }, { ...svg, id: '/etc/passwd' }, { ...svg, id: '' }, { ...svg, format: 'html' }, { ...svg, data: '<script>alert(1)</script>' },
      { ...png, data: 'data:text/html;base64,PHNjcmlwdD4=' }, { ...png, data: 'data:image/png;base64,%%%' }, { ...svg, path: '/tmp/x.svg' },
      { ...svg, data: '<svg>' + 'x'.repeat(MAX_EXPORT_BYTES) }, JSON.parse('{"type": "export", "id": "a", "format": "svg", "data": "<svg>", "__proto__": {}}'),
    ];
    for (const message of refused) assert.equal(parseWebviewMessage(message), undefined, `export ${JSON.stringify(message)?.slice(0, 80)}`);
  });

  it('reads the search progress lines it writes, and nothing else', () => {
    const events = [
      { type: 'planned', folds: 3, candidates: 15, fits: 45, resumedTrials: 2 },
      { type: 'foldDone', trial: 4, fold: 1, score: 0.75, seconds: 1.5 },
      { type: 'foldRetried', trial: 4, fold: -1, reason: 'job 12 ended (NODE_FAIL)' },
      { type: 'trialTold', trial: 4, score: 0.74, std: 0.01 },
      { type: 'trialFailed', trial: 5, reason: 'diverged' },
      { type: 'refit' },
    ] as const;
    for (const event of events) assert.deepEqual(parseSearchProgress(progressLine(event)), event);
    // A degenerate fold's NaN score is written as null and read back as NaN.
    const degenerate = parseSearchProgress(progressLine({ type: 'foldDone', trial: 0, fold: 0, score: NaN, seconds: 1 }));
    assert.ok(degenerate?.type === 'foldDone' && Number.isNaN(degenerate.score));
    const others = ['', 'not json', '{"runDir": "/x", "best": null}', '{"searchProgress": {"type": "foldDone", "trial": -1, "fold": 0, "score": 1, "seconds": 1}}',
      '{"searchProgress": {"type": "planned", "folds": "3"}}', '{"searchProgress": {"type": "exec"}}', '{"searchProgress": {"type": "refit"}, "x": 1}', '[1]'];
    for (const line of others) assert.equal(parseSearchProgress(line), undefined, line);
  });
});
