import type { ProtocolHandlers } from '../../../shared/protocol';
import type { CloudLink } from './cloud-link';

/**
 * The service's handlers with the cloud link's hooks: opening a device page looks for gaps to fill
 * from RawData (in the background; the page is answered from the local store at once, and shows
 * the filled readings on its next refresh).
 */
export function withCloudHooks(handlers: ProtocolHandlers, cloud: CloudLink): ProtocolHandlers {
  if (!cloud.enabled) return handlers;
  const deviceGet = handlers['device.get'];
  return {
    ...handlers,
    'device.get': (params) => {
      if (typeof params.id === 'string' && params.id !== '') cloud.deviceOpened(params.id);
      return deviceGet(params);
    },
  };
}
