import { hashPin } from '../alarms/pin-hash';

/**
 * `tsx electron/host/cli/hash-pin.ts` reads a PIN from stdin and prints its scrypt hash for
 * settings.json (`alarms.operators[].pin_hash`), so a supervisor's PIN can be provisioned without
 * ever being written down in the clear.
 */
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const pin = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (pin === '') {
    process.stderr.write('usage: echo -n 1234 | tsx electron/host/cli/hash-pin.ts\n');
    process.exit(2);
  }
  process.stdout.write(`${await hashPin(pin)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`hash-pin failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
