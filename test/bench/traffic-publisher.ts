import { connect } from 'mqtt';

// The alarm bench's "other traffic", in its own process so that it does not share a thread with
// the console it loads: normal readings from many devices at a steady rate (QoS 1, as devices
// publish), until stdin closes or the duration runs out. Prints one JSON line of figures at the end.
//   node --import tsx test/bench/traffic-publisher.ts URL RATE DEVICES SECONDS

const [url = 'mqtt://127.0.0.1:1883', rateText = '10000', devicesText = '2000', secondsText = '60'] = process.argv.slice(2);
const rate = Number(rateText);
const devices = Number(devicesText);
const seconds = Number(secondsText);
const TICK_MS = 10;

/** Each device's message with its timestamp and idx left to fill: the publisher's own cost stays small. */
function template(device: number): [string, string, string] {
  const ct = 5 + (device % 7) * 0.3;
  const body = JSON.stringify({
    deviceId: `LOAD${String(device).padStart(5, '0')}`,
    status: 0,
    volt: 220,
    voltLow: 219,
    ct,
    zct: 0.5,
    rzct: 0.3,
    // Consistent with V·I·PF, so the analytics see no power mismatch: this is quiet traffic.
    pwr: Math.round(220 * ct * 0.95) / 1000,
    pcbTemp: 35,
    sensorTemp: 37,
    co: 5,
    voc: 50,
    pFct: 0.95,
    aArc: 0,
  });
  return ['{"idx":', ',"timestamp":"', `",${body.slice(1)}`];
}

const templates = Array.from({ length: devices }, (_, d) => template(d));
const topics = Array.from({ length: devices }, (_, d) => `fire-prediction/device/LOAD${String(d).padStart(5, '0')}/data`);

function payload(device: number, idx: number, at: number): string {
  const [a, b, c] = templates[device] as [string, string, string];
  return `${a}${idx}${b}${new Date(at).toISOString()}${c}`;
}

const client = connect(url, { clientId: `emberwatch-bench-traffic-${process.pid}`, clean: true });
client.on('error', (error) => process.stderr.write(`traffic: ${error.message}\n`));
client.once('connect', () => {
  const started = Date.now();
  let sent = 0;
  let acked = 0;
  let next = 0;
  const idx = new Array<number>(devices).fill(0);
  const timer = setInterval(() => {
    const now = Date.now();
    const due = Math.floor(((now - started) / 1000) * rate) - sent;
    // The broker's acknowledgements are the backpressure: never more than a second's worth waiting.
    const room = Math.max(0, rate - (sent - acked));
    for (let i = 0; i < Math.min(due, room); i++) {
      const device = next;
      next = (next + 1) % devices;
      idx[device] = (idx[device] as number) + 1;
      client.publish(topics[device] as string, payload(device, idx[device] as number, now), { qos: 1 }, () => {
        acked += 1;
      });
      sent += 1;
    }
    if (now - started >= seconds * 1000) finish();
  }, TICK_MS);
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    const elapsed = (Date.now() - started) / 1000;
    process.stdout.write(`${JSON.stringify({ sent, acked, seconds: elapsed, rate: sent / elapsed })}\n`, () => process.exit(0));
    client.end(true);
  };
  process.stdin.on('end', finish);
  process.stdin.resume();
});
