// The data-quality module ("đúng, đủ, sạch, sống"). So far: record linkage (linkage/) — duplicate
// detection and linking outside lists to the registry. Other modules import only this file.
export * from './linkage/index.ts';
