import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_KCAT_PATH = '/usr/bin/kcat';

export interface KafkaMockCluster {
  /** `127.0.0.1:NNNNN`, the bootstrap broker. */
  bootstrap: string;
  /** Kills the kcat process (and with it the mock cluster and all its data). */
  stop(): Promise<void>;
}

export interface KafkaMockClusterOptions {
  /** Default KCAT_PATH from the environment, else /usr/bin/kcat. */
  kcatPath?: string;
  brokers?: number;
  /** How long to wait for the bootstrap address. Default 15 s. */
  startTimeoutMs?: number;
}

/**
 * librdkafka's mock cluster, hosted by a `kcat` consumer process (Debian package `kcat`):
 *   kcat -b 127.0.0.1:1 -X test.mock.num.brokers=1 -d mock -C -t warmup
 * prints `bootstrap.servers=127.0.0.1:NNNNN` on stderr. The mock keeps its data in that process.
 */
export async function startKafkaMockCluster(
  options: KafkaMockClusterOptions = {},
): Promise<KafkaMockCluster> {
  const kcat = options.kcatPath ?? process.env.KCAT_PATH ?? DEFAULT_KCAT_PATH;
  if (!existsSync(kcat)) {
    throw new Error(`kcat not found at ${kcat}: install it (apt-get install -y kcat) or set KCAT_PATH`);
  }
  const args = [
    '-b',
    '127.0.0.1:1',
    '-X',
    `test.mock.num.brokers=${options.brokers ?? 1}`,
    '-d',
    'mock',
    '-C',
    '-t',
    'warmup',
  ];
  const child: ChildProcess = spawn(kcat, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    const bootstrap = await new Promise<string>((resolve, reject) => {
      let seen = '';
      let found = false;
      const timer = setTimeout(
        () =>
          reject(
            new Error(`kcat printed no mock bootstrap address within ${options.startTimeoutMs ?? 15_000} ms`),
          ),
        options.startTimeoutMs ?? 15_000,
      );
      const stderr = child.stderr;
      if (!stderr) throw new Error('kcat stderr is not piped');
      stderr.setEncoding('utf8');
      // The debug log goes on for the process' lifetime: keep draining it so kcat never blocks on a full pipe.
      stderr.on('data', (chunk: string) => {
        if (found) return;
        seen += chunk;
        const match =
          /bootstrap\.servers=(\S+)/.exec(seen) ?? /replaced with (\d+\.\d+\.\d+\.\d+:\d+)/.exec(seen);
        if (match) {
          found = true;
          clearTimeout(timer);
          resolve(match[1].split(',')[0]);
        } else if (seen.length > 65_536) {
          seen = seen.slice(-4096);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `kcat exited (code ${String(code)}, signal ${String(signal)}) before the mock cluster was up`,
          ),
        );
      });
    });
    return { bootstrap, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
