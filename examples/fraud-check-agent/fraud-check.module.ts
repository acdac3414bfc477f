import { Module, type DynamicModule } from '@nestjs/common';
import { FRAUD_CHECK_OPTIONS, FraudCheckAgent, resolveFraudCheckOptions, type FraudCheckOptions } from './fraud-check.agent';

/**
 * The `fraud_check` agent as a plugin. The host imports `FraudCheckModule.forFeature()` (optionally
 * with thresholds and lists) and discovers the `@DomainAgent` provider inside: from then on plans
 * can run tasks with `"agent": "fraud_check"`. No core file changes.
 */
@Module({})
export class FraudCheckModule {
  static forFeature(options: FraudCheckOptions = {}): DynamicModule {
    return {
      module: FraudCheckModule,
      providers: [
        // Resolved here so a bad option stops the host at start-up, naming the option.
        { provide: FRAUD_CHECK_OPTIONS, useValue: resolveFraudCheckOptions(options) },
        FraudCheckAgent,
      ],
      exports: [FraudCheckAgent],
    };
  }
}
