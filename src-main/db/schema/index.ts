// The whole drizzle schema, one file per feature.
export * from './employees';
export * from './clients';
export * from './distributions';
export * from './events';
export * from './readiness';
export * from './mail';
export * from './documents';
export * from './backup';
export * from './systems';
export * from './lists';
export * from './imports';
export * from './chat';
export * from './usr';
export * from './glavbukh';
export * from './nss';
export * from './edo';
