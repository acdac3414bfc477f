import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { StreamAdmission } from '../http/sse/stream-admission';
import { RunStartLimiter } from '../limits/run-start-limiter';
import { RunStartRateLimit } from '../limits/run-start-rate-limit.guard';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator.service';

/**
 * Who may call the host and how much: the Authenticator (AUTH_MODE) behind the global AuthGuard, the
 * A2A and the MCP endpoints; the run start limit (over @nestjs/throttler's storage); the SSE stream limits.
 * Global, so modules composed in (agent packs, a custom host's controllers) reach them too.
 */
@Global()
@Module({
  // Only the storage: RunStartLimiter applies the one limit itself, keyed by tenant.
  imports: [ThrottlerModule.forRoot([])],
  providers: [Authenticator, RunStartLimiter, RunStartRateLimit, StreamAdmission, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator, RunStartLimiter, RunStartRateLimit, StreamAdmission],
})
export class SecurityModule {}
