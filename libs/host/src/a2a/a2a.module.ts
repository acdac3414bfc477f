import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import type { Express, NextFunction, Request, Response } from 'express';
import { Authenticator } from '../auth/authenticator.service';
import { RunStartLimiter } from '../limits/run-start-limiter';
import { a2aAccess } from './a2a-access';
import { a2aUserOf } from './a2a-caller';
import { A2A_JSON_RPC_PATH, AGENT_CARD_ROUTE } from './a2a-paths';
import { HostCard } from './host-card.service';
import { RunAgentExecutor } from './run-agent-executor';
import { RunRequestHandler } from './run-request-handler';
import { RunTaskStore } from './run-task-store';

/**
 * The host as an A2A agent: its agent card at /.well-known/agent-card.json and the JSON-RPC endpoint
 * at /a2a (SendMessage, SendStreamingMessage, GetTask, CancelTask, SubscribeToTask, ListTasks with
 * `A2A-Version: 1.0`; message/send, message/stream, tasks/get, tasks/cancel, tasks/resubscribe in v0.3).
 * A task is a run: see RunRequestHandler and RunAgentExecutor.
 *
 * Both are the SDK's Express handlers, mounted on the app's Express instance once Nest has set its
 * routes up (onModuleInit runs before Nest adds its not-found handler). The app's global middleware
 * has run by then: JSON bodies are parsed with the host's limits (the SDK's own parser skips them).
 * The card is public; /a2a checks the caller first (a2aAccess: AUTH_MODE, the method's scope, the
 * run start rate) and hands its principal to the SDK as the call's user, whose tenant confines every task operation.
 */
@Module({
  providers: [HostCard, RunTaskStore, RunAgentExecutor, RunRequestHandler],
  exports: [HostCard, RunTaskStore, RunRequestHandler],
})
export class A2aModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly card: HostCard,
    private readonly requestHandler: RunRequestHandler,
    private readonly authenticator: Authenticator,
    private readonly limiter: RunStartLimiter,
  ) {}

  onModuleInit(): void {
    // No HTTP server (an application context, a unit test of a module): nothing to mount.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (adapter === undefined) return;
    const app = adapter.getInstance<Express>();
    app.use(AGENT_CARD_ROUTE, (req: Request, res: Response, next: NextFunction) => {
      // The card names the address the client used, so the handler is made per request (cards are fetched rarely).
      const card = this.card.forRequest(req);
      agentCardHandler({ agentCardProvider: () => Promise.resolve(card), cache: { maxAge: 0 }, legacyCompat: { enabled: true } })(req, res, next);
    });
    app.use(
      A2A_JSON_RPC_PATH,
      a2aAccess(this.authenticator, this.limiter),
      jsonRpcHandler({ requestHandler: this.requestHandler, userBuilder: a2aUserOf, legacyCompat: { enabled: true } }),
    );
  }
}
