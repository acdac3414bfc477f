import type { TaskRequest } from '@a2a-mcp/core-graph';
import type { Agent } from '../agent';
import { stableId } from '../support/stable-id';
import { optionalString, optionalStringArray } from '../support/task-input';
import { defineDemoAgent, type DemoOutput } from './define-demo-agent';
import { arraySchema, confidenceSchema, constSchema, objectSchema, stringSchema } from './output-schema';

export interface NotificationOutput extends DemoOutput {
  channel: string;
  recipients: string[];
  status: 'sent';
  messageId: string;
  message: string;
}

export function createNotificationAgent(): Agent {
  return defineDemoAgent<NotificationOutput>({
    name: 'notification_agent',
    description: 'Notifies teams and stakeholders about workflow progress.',
    skill: {
      id: 'notify',
      name: 'Notify stakeholders',
      description: 'Posts a notification to a team or stakeholders on a channel (Slack by default).',
      tags: ['notification', 'notify', 'alert', 'team', 'stakeholders', 'announce'],
      examples: ['Notify the data team that processing started', 'Tell stakeholders the run began'],
      metadata: {
        consumes: [],
        produces: ['notification'],
        expectedDurationMs: 30,
        qualityDomain: 'SERVICE',
        outputSchema: objectSchema({
          channel: stringSchema(),
          recipients: arraySchema(stringSchema(), 1),
          status: constSchema('sent'),
          messageId: stringSchema(),
          message: stringSchema(),
          confidence: confidenceSchema(),
        }),
      },
    },
    progress: { start: 'preparing notification', halfway: 'delivering notification' },
    produce(task) {
      const channel = optionalString(task, 'channel') ?? 'slack';
      const recipients = optionalStringArray(task, 'recipients') ?? recipientsFrom(task);
      const message = optionalString(task, 'message') ?? task.description;
      return {
        channel,
        recipients,
        status: 'sent',
        messageId: stableId('ntf', task.runId, task.taskId, channel, ...recipients),
        message: message.length > 0 ? message : `Update from task ${task.taskId}`,
        confidence: 0.95,
      };
    },
  });
}

// "Notify the data team ..." → ["data-team"]; otherwise the stakeholders at large.
function recipientsFrom(task: TaskRequest): string[] {
  const team = /\b(?!(?:the|a|our|your|my)\b)([a-z]+)\s+team\b/i.exec(task.description);
  return [team ? `${team[1].toLowerCase()}-team` : 'stakeholders'];
}
