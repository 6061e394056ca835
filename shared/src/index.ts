export * from './errors';
export * from './roles';
export * from './contract';
export * from './contracts/common';
export * from './contracts/health.contract';
export * from './contracts/auth.contract';
export * from './domain/credit-tier';
