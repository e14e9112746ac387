import { toAlarmView } from '../../../shared/alarms/api-view';
import type { AlarmView } from '../../../shared/alarms/api-view';
import type { AlarmRecord } from '../../../shared/alarms/types';
import type { Language, ScoredReading } from '../../../shared/scoring';
import { formatIsoMillis, generateAlertMessage, generateRecommendations } from '../../../shared/scoring';
import type { OutboxRow } from './alarm-tables';

// What an escalation sends beyond the room, in the seed's forms (send_critical_alert,
// send_high_risk_alert, format_email_alert; its mis-encoded syllables restored: 점검, 아크, 점수,
// 바랍니다, ⚠️), written to the cloud outbox so an outage delays it but never loses it.
//
// Outbox rows (table cloud_outbox, migration 002):
//   kind 'sns.publish'  target = the topic ARN   payload = {"input": PublishCommandInput, "meta": {...}}
//     The SNS sender (the cloud work, issue 9) sends `new PublishCommand(payload.input)` as it is:
//     the critical topic gets MessageStructure "json" with default/sms/email, as the seed sent it.
//   kind 'webhook'      target = the URL         payload = the JSON body to POST (WebhookBody)
//     Sent by webhook-sender.ts here, with an Idempotency-Key header of the escalation key.

export const SNS_OUTBOX_KIND = 'sns.publish';
export const WEBHOOK_OUTBOX_KIND = 'webhook';

interface SensorData {
  readonly temperature: number;
  readonly voltage: number;
  readonly current: number;
  readonly arc_count: number;
  readonly co_gas: number;
  readonly voc: number;
}

/** The seed's alert_data: what send_critical_alert and format_email_alert read. */
export interface SeedAlertData {
  readonly level: string;
  readonly type: string;
  readonly risk_score: number;
  readonly message: string;
  readonly sensor_data: SensorData | null;
  readonly recommendations: ReadonlyArray<string>;
}

export interface WebhookBody {
  readonly event: 'alarm.escalated';
  readonly escalation_key: string;
  readonly escalated_at: string;
  readonly unacknowledged_s: number;
  readonly site: string;
  readonly console_id: string;
  readonly alarm: AlarmView;
  readonly alert: SeedAlertData;
  readonly subject: string;
  readonly sms: string;
}

export interface EscalationContext {
  readonly key: string;
  readonly alarm: AlarmRecord;
  readonly unacknowledgedMs: number;
  readonly now: number;
  /** The device's newest reading, for the sensor data and the seed's message and advice. */
  readonly reading: ScoredReading | null;
  readonly language: Language;
  readonly site: string;
  readonly consoleId: string;
  readonly snsTopics: { readonly critical: string | null; readonly high: string | null };
  readonly webhookUrl: string | null;
}

const TEXT = {
  ko: {
    criticalSubject: (id: string): string => `🚨 CRITICAL: 화재 위험 감지 - 디바이스 ${id}`,
    highSubject: (id: string): string => `⚠️ HIGH RISK: 화재 위험 증가 - 디바이스 ${id}`,
    sms: (id: string, score: string): string => `🚨긴급🚨 화재위험 디바이스${id} 위험도:${score}`,
    title: '🚨 화재 위험 감지 알림',
    device: '디바이스 ID',
    level: '위험 수준',
    score: '위험 점수',
    time: '감지 시간',
    sensors: '센서 데이터',
    temperature: '온도',
    voltage: '전압',
    current: '전류',
    arcs: '아크 횟수',
    co: 'CO 가스',
    actions: '권장 조치사항',
    closing: '긴급한 조치가 필요할 수 있습니다. 즉시 현장을 확인하시기 바랍니다.',
  },
  en: {
    criticalSubject: (id: string): string => `🚨 CRITICAL: fire risk detected - device ${id}`,
    highSubject: (id: string): string => `⚠️ HIGH RISK: fire risk rising - device ${id}`,
    sms: (id: string, score: string): string => `🚨URGENT🚨 fire risk device ${id} risk:${score}`,
    title: '🚨 Fire risk alert',
    device: 'Device ID',
    level: 'Risk level',
    score: 'Risk score',
    time: 'Detected at',
    sensors: 'Sensor data',
    temperature: 'Temperature',
    voltage: 'Voltage',
    current: 'Current',
    arcs: 'Arc count',
    co: 'CO gas',
    actions: 'Recommended actions',
    closing: 'Urgent action may be needed. Please check the site immediately.',
  },
} as const;

const LEVELS = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Python's `f"{x:.2f}"` for the numbers the seed formats. */
function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** The seed's `datetime.now().strftime('%Y-%m-%d %H:%M:%S')`, in UTC as its Lambda ran. */
function wallTime(ms: number): string {
  return formatIsoMillis(ms).slice(0, 19).replace('T', ' ');
}

export function seedAlertData(ctx: EscalationContext): SeedAlertData {
  const { alarm, reading } = ctx;
  const fromReading = reading !== null && alarm.device_id === reading.device_id;
  return {
    level: fromReading ? reading.risk_level : LEVELS[alarm.priority],
    type: fromReading ? reading.alert_type : alarm.source,
    risk_score: alarm.risk_score ?? (fromReading ? reading.risk_score : 0),
    message: fromReading ? generateAlertMessage(reading, ctx.language) : alarm.message,
    sensor_data: fromReading
      ? {
          temperature: Math.max(reading.pcb_temperature, reading.sensor_temperature),
          voltage: reading.voltage,
          current: reading.current,
          arc_count: reading.arc_count,
          co_gas: reading.co,
          voc: reading.voc,
        }
      : null,
    recommendations: fromReading ? generateRecommendations(reading, ctx.language) : [],
  };
}

/** format_email_alert: the seed's HTML e-mail. */
export function formatEmailAlert(deviceId: string, data: SeedAlertData, now: number, language: Language): string {
  const t = TEXT[language];
  const sensors = data.sensor_data;
  const lines = [
    '<html>',
    '<body>',
    `    <h2 style="color: red;">${t.title}</h2>`,
    `    <p><strong>${t.device}:</strong> ${escapeHtml(deviceId)}</p>`,
    `    <p><strong>${t.level}:</strong> ${escapeHtml(data.level)}</p>`,
    `    <p><strong>${t.score}:</strong> ${fixed(data.risk_score, 2)}</p>`,
    `    <p><strong>${t.time}:</strong> ${wallTime(now)}</p>`,
  ];
  if (sensors !== null) {
    lines.push(
      `    <h3>${t.sensors}</h3>`,
      '    <ul>',
      `        <li>${t.temperature}: ${fixed(sensors.temperature, 1)}°C</li>`,
      `        <li>${t.voltage}: ${fixed(sensors.voltage, 1)}V</li>`,
      `        <li>${t.current}: ${fixed(sensors.current, 1)}A</li>`,
      `        <li>${t.arcs}: ${sensors.arc_count}</li>`,
      `        <li>${t.co}: ${fixed(sensors.co_gas, 1)}ppm</li>`,
      `        <li>VOC: ${fixed(sensors.voc, 1)}μg/m³</li>`,
      '    </ul>',
    );
  }
  lines.push(`    <h3>${t.actions}</h3>`, '    <ul>');
  for (const advice of data.recommendations) lines.push(`<li>${escapeHtml(advice)}</li>`);
  lines.push('    </ul>', `    <p style="color: red; font-weight: bold;">`, `        ${t.closing}`, '    </p>', '</body>', '</html>');
  return lines.join('\n');
}

/** The outbox rows of one escalation, and where they go (for the escalation record). */
export function escalationOutboxRows(ctx: EscalationContext): { readonly rows: ReadonlyArray<OutboxRow>; readonly targets: ReadonlyArray<string> } {
  const { alarm } = ctx;
  const t = TEXT[ctx.language];
  const deviceId = alarm.device_id ?? (alarm.scope === 'zone' ? `zone:${alarm.target}` : alarm.target);
  const data = seedAlertData(ctx);
  const critical = alarm.priority === 'critical';
  const subject = critical ? t.criticalSubject(deviceId) : t.highSubject(deviceId);
  const sms = t.sms(deviceId, fixed(data.risk_score, 2));
  const meta = { alarm_id: alarm.id, escalation_key: ctx.key, priority: alarm.priority, console_id: ctx.consoleId };
  const rows: OutboxRow[] = [];
  const targets: string[] = [];
  const topic = critical ? ctx.snsTopics.critical : alarm.priority === 'high' ? ctx.snsTopics.high : null;
  if (topic !== null) {
    const input = critical
      ? {
          TopicArn: topic,
          Message: JSON.stringify({ default: data.message, sms, email: formatEmailAlert(deviceId, data, ctx.now, ctx.language) }),
          MessageStructure: 'json',
          Subject: subject,
        }
      : { TopicArn: topic, Message: data.message, Subject: subject };
    rows.push({ kind: SNS_OUTBOX_KIND, target: topic, payload: JSON.stringify({ input, meta }) });
    targets.push(`sns:${topic}`);
  }
  if (ctx.webhookUrl !== null) {
    const body: WebhookBody = {
      event: 'alarm.escalated',
      escalation_key: ctx.key,
      escalated_at: formatIsoMillis(ctx.now),
      unacknowledged_s: Math.round(ctx.unacknowledgedMs / 1000),
      site: ctx.site,
      console_id: ctx.consoleId,
      alarm: toAlarmView(alarm),
      alert: data,
      subject,
      sms,
    };
    rows.push({ kind: WEBHOOK_OUTBOX_KIND, target: ctx.webhookUrl, payload: JSON.stringify(body) });
    targets.push(`webhook:${ctx.webhookUrl}`);
  }
  return { rows, targets };
}
