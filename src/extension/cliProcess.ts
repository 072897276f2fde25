import { fork, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { lowerPriority } from '../core/util/trainingProcess';
import { trackProcess } from './orphans';
import { childEnvironment } from './settings';

/** A `hepml` command running in a child process, its progress in an output channel. */
export interface CliRun<T> {
  result: Promise<T>;
  stop(): void;
}

const running = new Set<ChildProcess>();

/** Stops every hepml process this window started (SIGTERM: searches stop their workers). */
export function stopAll(): number {
  for (const child of running) child.kill('SIGTERM');
  return running.size;
}

/** `onLine`: each line of the human log (stderr); `onStdoutLine`: each line of stdout (--events). */
export function runCli<T>(context: vscode.ExtensionContext, args: string[], cwd: string, output: vscode.OutputChannel, onLine?: (line: string) => void, onStdoutLine?: (line: string) => void): CliRun<T> {
  const child = fork(vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath, [...args, '--json'], { cwd, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  // Trainings and searches below the editor: its dashboards stay live while they run.
  lowerPriority(child.pid);
  running.add(child);
  trackProcess(child, `hepml ${args[0]}`);
  let stdout = '';
  let buffer = '';
  let lastLine = '';
  let stdoutBuffer = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    if (!onStdoutLine) return;
    stdoutBuffer += text;
    const lines = stdoutBuffer.split('\n');
    stdoutBuffer = lines.pop()!;
    lines.forEach(onStdoutLine);
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    buffer += text;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      output.appendLine(line);
      lastLine = line;
      onLine?.(line);
    }
  });
  const result = new Promise<T>((resolve, reject) => {
    child.on('exit', (code) => {
      running.delete(child);
      const last = stdout.trim().split('\n').pop();
      if (code === 0 && last) {
        try {
          resolve(JSON.parse(last) as T);
          return;
        } catch {
          // fall through to the error below
        }
      }
      reject(new Error(lastLine.replace(/^hepml: /, '') || `hepml ${args[0]} stopped (exit code ${code})`));
    });
  });
  return { result, stop: () => child.kill('SIGTERM') };
}
