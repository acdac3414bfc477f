import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { toolChosenBy } from '../../src/mcp/mcp-tool-choice';

const tool = (name: string, description?: string, title?: string): Tool => ({
  name,
  ...(description === undefined ? {} : { description }),
  ...(title === undefined ? {} : { title }),
  inputSchema: { type: 'object' },
});

/** The example server's tools (examples/mcp-server/text-tools-server.js). */
const TEXT_TOOLS = [tool('word_count', 'Count the words and characters of a text', 'Count words'), tool('shout', 'Upper-case a text, as if shouted', 'Shout text')];

describe('toolChosenBy: the tool a description asks for', () => {
  it.each([
    ['count the words of this note', 'word_count'],
    ['Counting words', 'word_count'],
    ['how many characters are in it', 'word_count'],
    ['shout the title', 'shout'],
    ['upper-case the reply', 'shout'],
  ])('%j → %s', (description, expected) => {
    expect(toolChosenBy(description, TEXT_TOOLS)).toEqual({ tool: expected });
  });

  it('a tie is no choice and names the tied tools; a description sharing no word names none', () => {
    expect(toolChosenBy('process the text', TEXT_TOOLS)).toEqual({ tied: ['word_count', 'shout'] });
    expect(toolChosenBy('convert 100 USD to EUR', TEXT_TOOLS)).toEqual({ tied: [] });
    expect(toolChosenBy('the of and', TEXT_TOOLS)).toEqual({ tied: [] });
  });

  it('splits camelCase names and reads annotations.title when there is no title', () => {
    const tools = [tool('getWeather', 'Current conditions for a city'), { ...tool('list_files'), annotations: { title: 'Browse a folder' } }];
    expect(toolChosenBy('get the weather in Paris', tools)).toEqual({ tool: 'getWeather' });
    expect(toolChosenBy('browse the downloads folder', tools)).toEqual({ tool: 'list_files' });
  });

  it('a word shared by every tool does not decide; a strict lead does', () => {
    const tools = [tool('read_file', 'Read a file'), tool('write_file', 'Write a file')];
    expect(toolChosenBy('the file', tools)).toEqual({ tied: ['read_file', 'write_file'] });
    expect(toolChosenBy('write the report to a file', tools)).toEqual({ tool: 'write_file' });
  });
});
