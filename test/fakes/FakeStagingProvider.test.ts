import { describeStagingContract } from '../contract/stagingContract.js';
import { FakeStagingProvider } from './FakeStagingProvider.js';

describeStagingContract('FakeStagingProvider', async () => {
  const provider = new FakeStagingProvider({ missing: ['fake://store/missing.txt'] });
  return {
    provider,
    createRemote: async (name, content) => {
      const url = `fake://store/${name}`;
      provider.remote.set(url, content);
      return url;
    },
    missingUrl: 'fake://store/missing.txt',
    foreignUrl: 'https://example.org/a.txt',
    copies: true,
    output: {
      urlFor: (name) => `fake://store/${name}`,
      read: async (url) => provider.remote.get(url) ?? '',
    },
    close: async () => undefined,
  };
});
