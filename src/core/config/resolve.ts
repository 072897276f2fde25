import type { HepmlConfig, LayerConfig, ResolvedConfig } from '../../shared/config';
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
  return {
    name: config.name ?? fallbackName,
    data: {
      sources: data.sources,
      features: data.features.map((f) =>
        typeof f === 'string' ? { name: f, fill: jaggedFill } : { name: f.name, fill: f.fill ?? jaggedFill },
      ),
      classes,
      label: data.label,
      weight: data.weight,
      missing: data.missing ? { value: data.missing.value, policy: data.missing.policy ?? 'keep' } : undefined,
    },
    split: {
      testFraction: config.split?.testFraction ?? 0.2,
      stratify: config.split?.stratify ?? true,
      seed: config.split?.seed ?? 42,
    },
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
