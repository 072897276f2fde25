// True in the bundles of the packaged extension (.vsix), where npm packages are inlined and
// their data files (wasm binaries, jsroot, vega) ship beside the bundles instead of node_modules.
declare const HEPML_PACKAGED: boolean | undefined;

export const PACKAGED = typeof HEPML_PACKAGED !== 'undefined' && HEPML_PACKAGED;
