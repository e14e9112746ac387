import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createReportHandlers } from '../../../electron/host/reports/report-handlers';
import { createHttpServer } from '../../../electron/host/serve/http-server';
import { routeRestRequest } from '../../../electron/host/serve/rest-routes';
import type { WebSocketTransport } from '../../../electron/host/transport/websocket-transport';
import type { IncidentsResponse, ProtocolHandlers } from '../../../shared/protocol';
import { METHOD_NAMES, ProtocolError } from '../../../shared/protocol';
import { harness } from '../host/alarms/helpers';
import { parseReportCsv } from './csv-parse';
import { runOverheatingEpisode } from './helpers';

describe('report routes', () => {
  it('map the REST paths onto incidents.list and report.file', () => {
    const route = (path: string): unknown => routeRestRequest('GET', new URL(path, 'http://x'));
    assert.deepEqual(route('/api/incidents?device=DEV0001&state=closed&priority=high&zone=B1&from=1&to=2'), {
      method: 'incidents.list',
      params: { from: '1', to: '2', device: 'DEV0001', zone: 'B1', priority: 'high', state: 'closed' },
    });
    assert.deepEqual(route('/api/incidents/device%3ADEV0001%401000/report.pdf'), {
      method: 'report.file',
      params: { kind: 'incident', id: 'device:DEV0001@1000', format: 'pdf' },
    });
    assert.deepEqual(route('/api/reports/shift.csv?from=2026-03-01T08:00:00Z&to=2026-03-01T16:00:00Z'), {
      method: 'report.file',
      params: { kind: 'shift', format: 'csv', from: '2026-03-01T08:00:00Z', to: '2026-03-01T16:00:00Z' },
    });
    assert.equal(route('/api/incidents/x/report.docx'), null);
  });
});

describe('incident reports over HTTP', () => {
  const h = harness({ language: 'ko' });
  let server: Server;
  let base = '';

  before(async () => {
    await runOverheatingEpisode(h);
    const notUsed = async (): Promise<never> => {
      throw new ProtocolError('NOT_FOUND', 'not here');
    };
    const handlers = {
      ...(Object.fromEntries(METHOD_NAMES.map((m) => [m, notUsed])) as unknown as ProtocolHandlers),
      ...createReportHandlers({ db: h.db, site: () => 'Test site', language: 'ko', now: () => h.clock.now, alarmConfig: h.service.config, alarms: () => h.service.allRecords() }),
    } as ProtocolHandlers;
    const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    server = createHttpServer({ handlers, websocket: {} as WebSocketTransport, staticRoot: null, log });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    h.close();
  });

  it('lists the incident and serves its PDF and CSV as files', async () => {
    const list = (await (await fetch(`${base}/api/incidents?device=DEV0001`)).json()) as IncidentsResponse;
    assert.equal(list.incidents.length, 1);
    const incident = list.incidents[0]!;
    const pdf = await fetch(`${base}${incident.report.pdf}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; filename="incident-DEV0001-.*\.pdf"$/);
    const body = Buffer.from(await pdf.arrayBuffer());
    assert.equal(body.subarray(0, 5).toString(), '%PDF-');
    assert.equal(Number(pdf.headers.get('content-length')), body.length);

    const csv = await fetch(`${base}${incident.report.csv}`);
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    const tables = parseReportCsv(await csv.text());
    assert.equal(tables.get('timeline')!.length, incident.transitions);

    const shift = await fetch(`${base}/api/reports/shift.pdf?from=${encodeURIComponent(incident.start)}&to=${h.clock.now + 1}`);
    assert.equal(shift.status, 200);
    assert.equal(shift.headers.get('content-type'), 'application/pdf');
  });

  it('answers a bad request or an unknown incident with a JSON error', async () => {
    const missing = await fetch(`${base}/api/incidents/device%3ANOPE%401/report.pdf`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
    const bad = await fetch(`${base}/api/reports/shift.csv`);
    assert.equal(bad.status, 400);
    const badState = await fetch(`${base}/api/incidents?state=maybe`);
    assert.equal(badState.status, 400);
  });
});
