import type { HepmlConfig, LayerConfig, ResolvedConfig, ResolvedSource, SourceConfig } from '../../shared/config';
import { DEFAULT_CLASSES } from './semanticCheck';

export const ALL_DIAGNOSTICS: ResolvedConfig['diagnostics'] = [
  'features', 'correlation', 'history', 'roc', 'overtraining', 'weights', 'efficiency',
];

function resolveLayer(layer: Omit<LayerConfig, 'units'> & { units: number }): Required<LayerConfig> {
  return {
    units: layer.units,
    activation: layer.activation ?? 'relu',
    kernelInitializer: layer.kernelInitializer ?? 'glorot_uniform',
    dropout: layer.dropout ?? 0,
    l2: layer.l2 ?? 0,
  };
}

/** A source's (first) file name without folder and ending, e.g. "ww" for "mc/ww.root". */
function fileStem(source: SourceConfig): string {
  const first = Array.isArray(source.path) ? source.path[0] : source.path;
  return (first.split(/[\\/]/).pop() ?? first).replace(/\.[^.]*$/, '') || first;
}

/**
 * Each source's process: its own, else its file's stem, else (sources sharing a file, such as
 * one tree per class) its tree's name.
 */
function defaultProcesses(sources: SourceConfig[]): string[] {
  const stems = sources.map(fileStem);
  return sources.map((source, i) => source.process ?? (stems.indexOf(stems[i]) !== stems.lastIndexOf(stems[i]) && source.tree ? source.tree : stems[i]));
}

/** Sources with their defaults; `path` becomes a list (globs are expanded when the config is loaded). */
export function resolveSources(sources: SourceConfig[]): ResolvedSource[] {
  const processes = defaultProcesses(sources);
  return sources.map((source, i) => ({
    ...source,
    path: Array.isArray(source.path) ? source.path : [source.path],
    process: processes[i],
    scale: source.scale ?? 1,
  }));
}

/** Fills every default of a valid config; `name` defaults to the file's base name. */
export function resolveConfig(config: HepmlConfig, fallbackName: string): ResolvedConfig {
  const data = config.data;
  const classes = data.classes ?? DEFAULT_CLASSES;
  const jaggedFill = data.jaggedFill ?? 0;
  const hidden = Array.isArray(config.model.hidden)
    ? config.model.hidden.map(resolveLayer)
    : Array.from({ length: config.model.hidden.layers }, () => resolveLayer(config.model.hidden as LayerConfig));
  const training = config.training ?? {};
  const stopping = training.earlyStopping;
  const sources = resolveSources(data.sources);
  return {
    name: config.name ?? fallbackName,
    data: {
      sources,
      define: data.define ?? {},
      selection: data.selection,
      features: data.features.map((f) =>
        typeof f === 'string' ? { name: f, fill: jaggedFill } : { name: f.name, fill: f.fill ?? jaggedFill },
      ),
      spectators: data.spectators ?? [],
      classes,
      label: data.label,
      weight: data.weight,
      weighted: data.weight !== undefined || sources.some((s) => s.scale !== 1 || s.weight !== undefined),
      missing: data.missing ? { value: data.missing.value, policy: data.missing.policy ?? 'keep' } : undefined,
      jaggedFill,
    },
    split: {
      testFraction: config.split?.testFraction ?? 0.2,
      stratify: config.split?.stratify ?? true,
      seed: config.split?.seed ?? 42,
      ...(config.split?.testSelection !== undefined ? { testSelection: config.split.testSelection } : {}),
    },
    ...(config.folds ? { folds: config.folds } : {}),
    preprocessing: { scaler: config.preprocessing?.scaler ?? 'standard' },
    model: { hidden },
    training: {
      optimizer: training.optimizer ?? 'adam',
      learningRate: training.learningRate ?? 0.001,
      loss: training.loss ?? (classes.length > 2 ? 'categorical_crossentropy' : 'binary_crossentropy'),
      batchSize: training.batchSize ?? 128,
      epochs: training.epochs ?? 20,
      validationFraction: training.validationFraction ?? 0.1,
      earlyStopping:
        stopping === false
          ? false
          : {
              monitor: stopping?.monitor ?? 'val_loss',
              patience: stopping?.patience ?? 5,
              minDelta: stopping?.minDelta ?? 0,
              restoreBestWeights: stopping?.restoreBestWeights ?? true,
            },
      useWeights: training.useWeights ?? true,
      classBalance: training.classBalance ?? true,
      seed: training.seed ?? 1,
    },
    diagnostics: config.diagnostics ?? ALL_DIAGNOSTICS,
  };
}
