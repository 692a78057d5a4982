import type { ExecutionProvider } from '../../../../src/ports/ExecutionProvider.js';
import type { FakeChannel } from '../../../fakes/FakeChannel.js';

/** The text of every file a provider pushed to its FakeChannel, by remote path, with job names made stable. */
export const pushedFiles = (channel: FakeChannel): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [path, file] of channel.files) {
    out.set(
      path.replace(/\.\d+\.\d+/g, '.<ts>'),
      file.content.toString('utf8').replace(/\.\d{13}\.\d+/g, '.<ts>'),
    );
  }
  return out;
};

/** Submits one block through `provider` and returns the first pushed file's text (stable names). */
export const submitAndRead = async (
  provider: ExecutionProvider,
  channel: FakeChannel,
  command = 'start-workers',
  tasksPerNode = 2,
): Promise<string> => {
  await provider.submit(command, tasksPerNode, 'parsl.test');
  const [first] = [...pushedFiles(channel).entries()].filter(([p]) => p.endsWith('.submit'));
  if (first === undefined) throw new Error('nothing was pushed');
  return first[1];
};
