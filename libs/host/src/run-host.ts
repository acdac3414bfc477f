import type { INestApplication } from '@nestjs/common';
import { startApp, type CreateAppOptions } from './create-app';
import { DOCS_PATH } from './swagger';

export interface MainIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  exit(code: number): void;
}

/**
 * `npm start`: starts the host on PORT (default 3000) and prints where; a bad environment (or any
 * start-up error) prints one line naming the problem and exits 1.
 */
export async function runMain(io: MainIo, options: CreateAppOptions = {}): Promise<INestApplication | undefined> {
  try {
    const { app, port } = await startApp(options);
    const base = `http://localhost:${port}`;
    io.stdout.write(`a2a-mcp orchestrator listening on ${base} — API docs ${base}/${DOCS_PATH}\n`);
    return app;
  } catch (error) {
    io.stderr.write(`a2a-mcp orchestrator: ${error instanceof Error ? error.message : String(error)}\n`);
    io.exit(1);
    return undefined;
  }
}
