import 'reflect-metadata';
import { runMain } from './run-main';

void runMain({ stdout: process.stdout, stderr: process.stderr, exit: (code) => process.exit(code) });
