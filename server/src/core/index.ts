/** The cjm core: everything the server, the preview and the CLI share. Free of Node APIs. */
export * from './analyze';
export * from './diagnostics';
export * from './model';
export * from './schema';
export * from './symbols';
export * from './text';
export * from './suggest';
export { LIMITS } from './guard';
export { objectPhrase } from './parse';
export * from './vocabulary/locale';
export * from './vocabulary/stages';
export * from './vocabulary/emotions';
export * from './vocabulary/kinds';
