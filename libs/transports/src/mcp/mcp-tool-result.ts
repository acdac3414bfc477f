import { TaskError, type ArtifactPart, type TaskRequest } from '@a2a-mcp/core-graph';
import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';

/** What a tool result becomes: the task's output, and the artifacts to stream. */
export interface ToolOutcome {
  output: unknown;
  artifacts: ArtifactPart[];
}

/**
 * A tool's result as a task output: its structuredContent when it has one, else its text contents
 * joined by newlines (parsed when that text is a JSON object or array); images, audio and resources
 * become artifacts. With neither structured nor text content the output lists the artifacts' names.
 * `isError: true` throws MCP_TOOL_ERROR with the tool's text (retryable: the tool said it failed,
 * which is often momentary — an upstream API down, a rate limit).
 */
export function outcomeOf(result: CallToolResult, task: TaskRequest, server: string, tool: string): ToolOutcome {
  const content: ContentBlock[] = Array.isArray(result.content) ? result.content : [];
  const texts = content.filter((block): block is Extract<ContentBlock, { type: 'text' }> => block.type === 'text').map((block) => block.text);
  if (result.isError === true) {
    const why = texts.join('\n').trim() || 'no message';
    throw new TaskError('MCP_TOOL_ERROR', `task "${task.taskId}": the tool "${tool}" of the MCP server "${server}" failed: ${why}`, true);
  }
  const artifacts = content.flatMap((block, index) => artifactOf(block, `${tool}-${index}`));
  if (result.structuredContent !== undefined) return { output: result.structuredContent, artifacts };
  if (texts.length > 0) return { output: parsedText(texts.join('\n')), artifacts };
  return { output: { artifacts: artifacts.map((artifact) => artifact.name) }, artifacts };
}

function parsedText(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') && trimmed.endsWith('}')) && !(trimmed.startsWith('[') && trimmed.endsWith(']'))) return text;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

function artifactOf(block: ContentBlock, fallbackName: string): ArtifactPart[] {
  switch (block.type) {
    case 'image':
    case 'audio':
      // base64, as the server sent it: the artifact's consumer decodes it if it needs the bytes.
      return [{ name: fallbackName, mimeType: block.mimeType, data: block.data }];
    case 'resource': {
      const { resource } = block;
      const data = 'text' in resource ? resource.text : resource.blob;
      return [{ name: resource.uri, ...(resource.mimeType === undefined ? {} : { mimeType: resource.mimeType }), data }];
    }
    case 'resource_link':
      return [{ name: block.uri, ...(block.mimeType === undefined ? {} : { mimeType: block.mimeType }), data: { uri: block.uri, name: block.name } }];
    default:
      return [];
  }
}
