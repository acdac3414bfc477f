import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { callerOf } from '../auth/caller';
import { RunStartLimiter } from './run-start-limiter';

/**
 * On routes that start a run (`@UseGuards(RunStartRateLimit)`): one start counted for the caller,
 * 429 RATE_LIMITED past RATE_LIMIT_RUNS_PER_MINUTE. Runs after the global AuthGuard, so the caller's tenant is known.
 */
@Injectable()
export class RunStartRateLimit implements CanActivate {
  constructor(private readonly limiter: RunStartLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.limiter.admit(callerOf(context.switchToHttp().getRequest<Request>()).limitKey);
    return true;
  }
}
