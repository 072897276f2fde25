import type { ResolvedSearch } from '../../shared/config';
import { BayesianSampler } from './bayesianSampler';
import type { ConfigSpace } from './configSpace';
import { GridSampler } from './gridSampler';
import { RandomSampler } from './randomSampler';
import type { Sampler } from './sampler';
import { Space } from './space';

/** The sampler a search section asks for, seeded by its randomState. */
export function makeSampler(search: ResolvedSearch, space: ConfigSpace): Sampler {
  const seed = search.randomState;
  switch (search.method) {
    case 'grid':
      return new GridSampler(space.gridValues!, { shuffle: search.shuffle, seed });
    case 'random':
      return new RandomSampler(new Space(space.dimensions), seed);
    case 'bayes':
      return new BayesianSampler(new Space(space.dimensions), {
        nInitialPoints: search.nInitialPoints,
        acqFunc: search.acqFunc,
        xi: search.xi,
        kappa: search.kappa,
        initialPointGenerator: search.initialPointGenerator,
        randomState: seed,
      });
  }
}
