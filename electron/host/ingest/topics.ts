import { REGISTRY_TOPIC } from '../../../shared/fleet/registry';

export type TopicKind =
  | { readonly kind: 'device-data'; readonly deviceId: string }
  | { readonly kind: 'registry' }
  | { readonly kind: 'unknown' };

const DEVICE_PREFIX = 'fire-prediction/device/';
const DEVICE_SUFFIX = '/data';

export function classifyTopic(topic: string): TopicKind {
  if (topic === REGISTRY_TOPIC) return { kind: 'registry' };
  if (topic.startsWith(DEVICE_PREFIX) && topic.endsWith(DEVICE_SUFFIX)) {
    const deviceId = topic.slice(DEVICE_PREFIX.length, topic.length - DEVICE_SUFFIX.length);
    if (deviceId !== '' && !deviceId.includes('/')) return { kind: 'device-data', deviceId };
  }
  return { kind: 'unknown' };
}

export function deviceDataTopic(deviceId: string): string {
  return `${DEVICE_PREFIX}${deviceId}${DEVICE_SUFFIX}`;
}
