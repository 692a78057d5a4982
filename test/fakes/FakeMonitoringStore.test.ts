import { describeMonitoringStoreContract } from '../contract/monitoringStoreContract.js';
import { FakeMonitoringStore } from './FakeMonitoringStore.js';

describeMonitoringStoreContract(FakeMonitoringStore.name, async () => ({
  store: new FakeMonitoringStore(),
  cleanup: async () => undefined,
}));
