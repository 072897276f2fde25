// JSON-only types of a `*.hepml.json` experiment, as the user writes it.
// Optional fields get their defaults in core/config/resolve.ts.

export type Activation =
  | 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid' | 'softplus' | 'swish' | 'leaky_relu' | 'linear';
export type Initializer =
  | 'glorot_uniform' | 'glorot_normal' | 'he_normal' | 'he_uniform' | 'lecun_normal' | 'lecun_uniform'
  | 'uniform' | 'normal' | 'zeros';
export type OptimizerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adagrad' | 'adamax';
export type ScalerName = 'none' | 'standard' | 'robust' | 'minmax';
export type MissingPolicy = 'keep' | 'median' | 'drop';
export type DiagnosticName =
  | 'features' | 'correlation' | 'history' | 'roc' | 'overtraining' | 'weights' | 'efficiency';

export type SourceFormatName = 'csv' | 'root' | 'parquet';

export interface SourceConfig {
  /** A CSV, ROOT or Parquet file relative to the config file, a list of them, or a glob: read as one chain. */
  path: string | string[];
  /** TTree name for ROOT files. */
  tree?: string;
  /** The class of every event in this source; omit when `data.label` gives it per event. */
  class?: string;
  /** The physics process (groups sources in cut-flows and stacked plots); default the file's name. */
  process?: string;
  /** Normalisation of every event: cross-section x luminosity / generated events. */
  scale?: number;
  /** Events of this source kept only where this expression holds (and data.selection). */
  selection?: string;
  /** This source's event weight expression, times data.weight and scale. */
  weight?: string;
  /** The reader, when the file's ending does not say (e.g. "x.train"). */
  format?: SourceFormatName;
  /** CSV: false when the first line is an event, not column names. */
  header?: boolean;
  /** CSV: the column names (for a file without a header, or to rename). */
  columns?: string[];
}

export interface FeatureSpec {
  name: string;
  /** Value used when a jagged-branch element is absent (e.g. `Jet_Px[1]` with one jet). */
  fill?: number;
}

export interface LabelConfig {
  column: string;
  /** Column value (as written in the file) -> class name. */
  map: Record<string, string>;
}

export interface MissingConfig {
  value: number;
  policy?: MissingPolicy;
}

export interface DataConfig {
  sources: SourceConfig[];
  /** Named expressions over branches and other defines (RDataFrame's Define). */
  define?: Record<string, string>;
  /** Events kept only where this expression holds (RDataFrame's Filter), in every source. */
  selection?: string;
  features: (string | FeatureSpec)[];
  /** Expressions computed and stored with the events, never fed to the network. */
  spectators?: string[];
  /** Class names; the first is the signal. Default ["signal", "background"]. */
  classes?: string[];
  label?: LabelConfig;
  /** The event weight: a column or an expression (times each source's scale and weight). */
  weight?: string;
  missing?: MissingConfig;
  jaggedFill?: number;
}

export interface SplitConfig {
  testFraction?: number;
  /** Events where this expression holds form the test set (instead of testFraction). */
  testSelection?: string;
  stratify?: boolean;
  seed?: number;
}

/** k models, each trained without the events whose `by` value mod k equals its index. */
export interface FoldsConfig {
  k: number;
  /** An expression giving a whole number per event, e.g. "entry" or "eventNumber". */
  by: string;
}

export interface PreprocessingConfig {
  scaler?: ScalerName;
}

export interface LayerConfig {
  units: number;
  activation?: Activation;
  kernelInitializer?: Initializer;
  dropout?: number;
  l2?: number;
}

/** Shorthand for `layers` identical hidden layers, so that a search can vary both numbers. */
export interface UniformHiddenConfig extends Omit<LayerConfig, 'units'> {
  layers: number;
  units: number;
}

export interface ModelConfig {
  hidden: LayerConfig[] | UniformHiddenConfig;
}

export interface EarlyStoppingConfig {
  monitor?: 'val_loss' | 'val_auc' | 'val_accuracy' | 'loss';
  patience?: number;
  minDelta?: number;
  restoreBestWeights?: boolean;
}

export interface TrainingConfig {
  optimizer?: OptimizerName;
  learningRate?: number;
  loss?: 'binary_crossentropy' | 'categorical_crossentropy';
  batchSize?: number;
  epochs?: number;
  validationFraction?: number;
  earlyStopping?: EarlyStoppingConfig | false;
  /** Use the event-weight column as sample weights. */
  useWeights?: boolean;
  /** Scale weights so every class has the same total weight. */
  classBalance?: boolean;
  seed?: number;
}

/** A dimension of the search space, keyed by a config path like `training.learningRate`. */
export type SearchDimensionConfig =
  | { values: (number | string)[] }
  | { type: 'real' | 'integer'; low: number; high: number; prior?: 'uniform' | 'log-uniform' }
  | { categories: (number | string)[] };

export type SearchMethod = 'grid' | 'random' | 'bayes';
/** A cross-validation score: the ML ones, or a physics figure of merit with event weights. */
export type Scoring = 'auc' | 'weighted_auc' | 'accuracy' | 'loss' | 'asimov' | 'ams' | `rejection@${number}` | `sigeff@${number}`;

export interface SearchConfig {
  method: SearchMethod;
  space: Record<string, SearchDimensionConfig>;
  /** Folds of stratified cross-validation on the training set. */
  cv?: number;
  scoring?: Scoring;
  /** Trials to run (random, bayes); the grid runs every combination. */
  nCalls?: number;
  nInitialPoints?: number;
  acqFunc?: 'EI' | 'PI' | 'LCB' | 'gp_hedge';
  xi?: number;
  kappa?: number;
  initialPointGenerator?: 'random' | 'lhs' | 'sobol';
  randomState?: number;
  /** Grid order shuffled under randomState. */
  shuffle?: boolean;
  /** Retrain the best point on the whole training set and evaluate it on the test set. */
  refit?: boolean;
  /** Worker processes; default the number of cores. */
  nJobs?: number;
  /** Seconds before a fold's training is stopped and counted as failed. */
  trialTimeout?: number;
  /** Retries of a fold whose worker crashed. */
  maxRetries?: number;
  /** The search stops after this many trials fail in a row. */
  maxConsecutiveFailures?: number;
  /** Stops hopeless trials early, fold by fold, from their validation score per epoch. */
  pruner?: PrunerConfig;
  /** Limits a trial must keep to count: one that breaks any is infeasible and never best. */
  constraints?: SearchConstraints;
  /**
   * Two objectives: the CV scoring first, then another score or a cost. The search finds their
   * Pareto front and refits the trial the one-standard-error rule picks from it.
   */
  objectives?: [Scoring, SearchObjective];
}

/** What a two-objective search trades the CV score against: another score, or a cost of the model. */
export type SearchObjective = Scoring | 'fitSeconds' | 'parameters' | 'ksPValue';

/** What a chosen model must satisfy besides scoring well (each optional). */
export interface SearchConstraints {
  /**
   * Overtraining check: the Kolmogorov-Smirnov p-value of the network's output on the events a
   * fold trained on against its held-out events, per class (median over folds), at least this.
   */
  ksPValueMin?: number;
  /** Trainable parameters of the network at most this. */
  maxParameters?: number;
  /** Mean seconds of a fold's training at most this. */
  maxFitSeconds?: number;
}

/**
 * Pruning of hopeless trials. Fold-aware: a fold's validation score at epoch t is compared with
 * the same fold's scores of other trials at epoch t.
 */
export type PrunerConfig =
  | { type: 'none' }
  | {
      /** Optuna's MedianPruner: stop a fold whose score is worse than the median of the others' at that epoch. */
      type: 'median';
      /** Trials that run to their end before any is pruned (default 5). */
      startupTrials?: number;
      /** Epochs of each fold never pruned (default 0). */
      warmupEpochs?: number;
      /** Epochs between checks (default 1). */
      interval?: number;
      /** Other trials' scores at an epoch needed before comparing (default 1). */
      minTrials?: number;
    }
  | {
      /** Asynchronous successive halving over epochs (ASHA, as Optuna's SuccessiveHalvingPruner). */
      type: 'asha';
      /** The first rung, in epochs (default 1). */
      minEpochs?: number;
      /** Rungs at minEpochs x reductionFactor^k; the top 1/reductionFactor of a rung goes on (default 4, as Optuna and Ray Tune). */
      reductionFactor?: number;
      /** Brackets of different first rungs, trials spread over them in turn (default 1). */
      brackets?: number;
    };

export type ResolvedPruner =
  | { type: 'none' }
  | { type: 'median'; startupTrials: number; warmupEpochs: number; interval: number; minTrials: number }
  | { type: 'asha'; minEpochs: number; reductionFactor: number; brackets: number };

/** A search section with its defaults, resolved once (config/resolve). */
export interface ResolvedSearch extends Required<Omit<SearchConfig, 'xi' | 'kappa' | 'nJobs' | 'pruner' | 'constraints' | 'objectives'>> {
  /** The objectives of a two-objective search (empty: the scoring alone). */
  objectives: SearchObjective[];
  /** The constraints set (none: every trial is feasible). */
  constraints: SearchConstraints;
  xi?: number;
  kappa?: number;
  /** Worker processes (the CLI's --jobs wins); default the number of cores. */
  nJobs?: number;
  pruner: ResolvedPruner;
}

/** An execution section with its defaults (the optional sbatch settings stay optional). */
export type ResolvedExecution = ExecutionConfig & Required<Pick<ExecutionConfig, 'extraArgs' | 'maxConcurrentJobs' | 'setup' | 'pollInterval'>>;

/** Where a search's trials run: worker processes here, or SLURM batch jobs (the other fields). */
export interface ExecutionConfig {
  backend: 'local' | 'slurm';
  partition?: string;
  /** sbatch --time, e.g. "02:00:00". */
  time?: string;
  cpusPerTask?: number;
  /** sbatch --mem, e.g. "4G". */
  memory?: string;
  /** sbatch --gres, e.g. "gpu:1". */
  gres?: string;
  account?: string;
  /** More sbatch arguments, one per item (e.g. "--constraint=A100"). */
  extraArgs?: string[];
  /** Trials queued or running at once (also the array's %N limit). */
  maxConcurrentJobs?: number;
  /** Shell lines run in each job before the trial (e.g. "module load nodejs/20"). */
  setup?: string[];
  /** The node command on the compute nodes; default this driver's node (on a shared filesystem). */
  node?: string;
  /** Seconds between squeue polls. */
  pollInterval?: number;
}

export interface HepmlConfig {
  $schema?: string;
  name?: string;
  description?: string;
  data: DataConfig;
  split?: SplitConfig;
  folds?: FoldsConfig;
  preprocessing?: PreprocessingConfig;
  model: ModelConfig;
  training?: TrainingConfig;
  diagnostics?: DiagnosticName[];
  search?: SearchConfig;
  execution?: ExecutionConfig;
  analysis?: AnalysisConfig;
  ensemble?: EnsembleConfig;
}

export interface EnsembleMember {
  name?: string;
  config?: string;
  model?: ModelConfig;
  training?: TrainingConfig;
  preprocessing?: PreprocessingConfig;
}

export interface EnsembleConfig {
  method?: 'soft' | 'hard' | 'stacking';
  members: EnsembleMember[];
  weights?: number[];
  cv?: number;
}

export interface AnalysisConfig {
  cv?: number;
  scoring?: Scoring;
  validationCurve?: { param: string; values: (number | string)[] };
  learningCurve?: { sizes?: number[] };
}

/** A source with its defaults: the files of its chain are found when the config is loaded. */
export interface ResolvedSource extends Omit<SourceConfig, 'path' | 'process' | 'scale'> {
  path: string[];
  process: string;
  scale: number;
}

/** A config with every default filled in and the hidden-layer shorthand expanded. */
export interface ResolvedConfig {
  name: string;
  data: {
    sources: ResolvedSource[];
    define: Record<string, string>;
    selection?: string;
    features: Required<FeatureSpec>[];
    spectators: string[];
    classes: string[];
    label?: LabelConfig;
    weight?: string;
    /** Events carry weights other than one (a weight expression, a source's scale or weight). */
    weighted: boolean;
    missing?: Required<MissingConfig>;
    jaggedFill: number;
  };
  split: Required<Omit<SplitConfig, 'testSelection'>> & { testSelection?: string };
  folds?: FoldsConfig;
  preprocessing: Required<PreprocessingConfig>;
  model: { hidden: Required<LayerConfig>[] };
  training: Required<Omit<TrainingConfig, 'earlyStopping'>> & { earlyStopping: Required<EarlyStoppingConfig> | false };
  diagnostics: DiagnosticName[];
}
