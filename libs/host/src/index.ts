export { AppModule, type AppModuleOptions } from './app.module';
export { createApp, startApp, type CreateAppOptions, type StartAppOptions, type StartedApp } from './create-app';
export { runHost, type HostIo, type RunHostOptions } from './run-host';
export { loadDotEnv, DotEnvError, type DotEnvOptions } from './config/dot-env';
export { HostLogger } from './logging/host-logger';
export { setupSwagger, DOCS_PATH } from './swagger';
