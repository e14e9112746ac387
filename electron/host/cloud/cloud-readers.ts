import type { AttributeValue, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { formatIsoMillis } from '../../../shared/scoring';
import type { PlainValue } from './attribute-values';
import { fromItem } from './attribute-values';
import type { DynamoApi } from './dynamo-client';
import type { CloudAlert, CloudDeviceState } from './table-items';
import { cloudAlertFromRow, cloudDeviceFromRow } from './table-items';

// Reading DeviceState (the fleet scored in the cloud) and Alerts (other consoles, the cloud
// pipeline). Both are scans, as the seed's dashboard read them: the tables are keyed by device,
// and a control room wants every device. A scan is paged; a poll reads at most `maxPages` pages.

type Row = { [key: string]: PlainValue };

export const MAX_SCAN_PAGES = 200;

export async function scanRows(api: Pick<DynamoApi, 'scan'>, input: ScanCommandInput, maxPages = MAX_SCAN_PAGES): Promise<{ rows: Row[]; complete: boolean }> {
  const rows: Row[] = [];
  let start: Record<string, AttributeValue> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const output = await api.scan(start ? { ...input, ExclusiveStartKey: start } : input);
    for (const item of output.Items ?? []) rows.push(fromItem(item));
    start = output.LastEvaluatedKey;
    if (!start) return { rows, complete: true };
  }
  return { rows, complete: false };
}

/** Every device of the DeviceState table; `complete` false when the scan was cut short. */
export async function readCloudFleet(api: Pick<DynamoApi, 'scan'>, table: string, maxPages = MAX_SCAN_PAGES): Promise<{ devices: CloudDeviceState[]; complete: boolean }> {
  const { rows, complete } = await scanRows(api, { TableName: table }, maxPages);
  const devices: CloudDeviceState[] = [];
  for (const row of rows) {
    const device = cloudDeviceFromRow(row);
    if (device) devices.push(device);
  }
  return { devices, complete };
}

/**
 * Alerts raised or changed since `sinceMs` by anyone but this console (rows of the seed's pipeline
 * carry no console id). `alert_timestamp` is text: the comparison is by text, which orders ISO-8601
 * UTC times correctly; rows of consoles also carry `last_change_ms`, which catches acknowledgements
 * of older alarms.
 */
export async function readCloudAlerts(
  api: Pick<DynamoApi, 'scan'>,
  table: string,
  consoleId: string,
  sinceMs: number,
  maxPages = MAX_SCAN_PAGES,
): Promise<CloudAlert[]> {
  const { rows } = await scanRows(
    api,
    {
      TableName: table,
      FilterExpression:
        '(attribute_not_exists(console_id) OR console_id <> :me) AND (alert_timestamp >= :since OR last_change_ms >= :since_ms)',
      ExpressionAttributeValues: {
        ':me': { S: consoleId },
        ':since': { S: formatIsoMillis(sinceMs).slice(0, 19) },
        ':since_ms': { N: String(sinceMs) },
      },
    },
    maxPages,
  );
  const alerts: CloudAlert[] = [];
  for (const row of rows) {
    const alert = cloudAlertFromRow(row);
    if (alert) alerts.push(alert);
  }
  return alerts;
}
