export * from './api-types';
export * from './envelope';
export * from './errors';
export * from './events';
export * from './history-types';
export * from './methods';
export * from './rpc-client';
