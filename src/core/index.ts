// The core library (dist/core.js): pure TypeScript, no VS Code. What the CLI, the worker,
// the extension and other tools build on.
export { rocCurve, rocAuc, binaryClassifierCurve } from './metrics/roc';
export { ksTwoSample } from './metrics/ks';
export { kolmogorovN, smirnovSf } from './metrics/kolmogorov';
export { correlationMatrix } from './metrics/correlation';
export { histogram } from './metrics/histogram';
export { accuracy, logLoss, signalEfficiencyAt } from './metrics/classification';
export { parseConfig } from './config/parse';
export { loadConfig } from './config/load';
export { resolveConfig } from './config/resolve';
export { formatProblem, type Problem } from './config/problems';
export { inspectFile } from './data/inspect';
export { loadEvents } from './data/dataset';
export { trainExperiment } from './runs/trainExperiment';
export { diagnosticsSpecs } from './report/specs';
export { renderReport } from './report/html';
export { UserError } from './util/errors';
export { gpMinimize, randomSearch, type MinimizeResult } from './search/minimize';
export { Space, type Dimension } from './search/space';
export { isotonicRegression, plattScaling, brierScore } from './metrics/calibration';
