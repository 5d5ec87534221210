import { backendProtocol, exchange, parseDuration } from '../../src/testing/backend-simulation';

describe('parseDuration', () => {
  test('reads Gateway API durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration(250)).toBe(250);
  });
  test('fails if the text is not a duration', () => {
    expect(() => parseDuration('1.5s')).toThrow(/"1.5s" is not a Gateway API duration \(e.g. 500ms/);
  });
});

describe('exchange', () => {
  test('a backend slower than the request timeout gets a 504 from the Gateway; 0s disables it', () => {
    expect(exchange({ timeouts: { request: '500ms' } }, { latency: '1s' })).toMatchObject({ status: 504, timedOut: true, elapsedMs: 500 });
    expect(exchange({ timeouts: { request: '0s' } }, { latency: '1s' })).toMatchObject({ status: 200, timedOut: false });
    expect(exchange({ timeouts: { request: '2s' } }, { latency: '1s' })).toMatchObject({ status: 200 });
  });
  test('the backend request timeout applies per attempt and can be retried', () => {
    expect(exchange({ timeouts: { backendRequest: '100ms' } }, { latency: 200 })).toMatchObject({ status: 504, attempts: 1 });
    expect(exchange({ timeouts: { backendRequest: '100ms', request: '250ms' }, retry: { codes: [504], attempts: 5 } }, { latency: 200 }))
      .toMatchObject({ status: 504, timedOut: true, attempts: 3, elapsedMs: 250 });
  });
  test('retries listed codes up to attempts times', () => {
    const rule = { retry: { codes: [500, 502], attempts: 2 } };
    expect(exchange(rule, { statuses: [500, 502, 200] })).toMatchObject({ status: 200, attempts: 3 });
    expect(exchange(rule, { statuses: [500, 500, 500, 200] })).toMatchObject({ status: 500, attempts: 3 });
    expect(exchange(rule, { statuses: [503, 200] })).toMatchObject({ status: 503, attempts: 1 });
    expect(exchange({}, { statuses: [500, 200] })).toMatchObject({ status: 500, attempts: 1 });
  });
});

test('backendProtocol follows the Service port appProtocol', () => {
  expect(backendProtocol('kubernetes.io/h2c', false)).toBe('h2c');
  expect(backendProtocol('kubernetes.io/ws', false)).toBe('websocket');
  expect(backendProtocol(undefined, true)).toBe('https');
  expect(backendProtocol(undefined, false)).toBe('http');
});
