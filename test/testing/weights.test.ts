import { compareSplit, describeSplit, grpcStatusText, isSplit, splitEntries } from '../../src/testing/weights';

describe('grpcStatusText', () => {
  test('names the code, with the number', () => {
    expect(grpcStatusText(0)).toBe('OK (0)');
    expect(grpcStatusText(12)).toBe('UNIMPLEMENTED (12)');
    expect(grpcStatusText(14)).toBe('UNAVAILABLE (14)');
    expect(grpcStatusText(16)).toBe('UNAUTHENTICATED (16)');
    expect(grpcStatusText(17)).toBe('17');
  });
});

describe('splits in words', () => {
  test('a Service is named alone unless it is reached on several ports; largest share first', () => {
    expect(splitEntries({ 'shop/web-v2:80': 0.1, 'shop/web:80': 0.9 })).toEqual([{ target: 'shop/web', share: 0.9 }, { target: 'shop/web-v2', share: 0.1 }]);
    expect(describeSplit({ 'shop/web:80': 0.5, 'shop/web:8080': 0.5 })).toBe('50% to shop/web:80, 50% to shop/web:8080');
  });
  test('outcomes: an invalid backend share, gRPC codes by name', () => {
    expect(describeSplit({ 'shop/web:80': 0.5, '(500)': 0.5 })).toBe('50% get (500), 50% to shop/web');
    expect(describeSplit({ 'shop/echo:9000': 0.75, '(14)': 0.25 }, true)).toBe('75% to shop/echo, 25% get UNAVAILABLE (14)');
  });
  test('isSplit: more than one target with a share', () => {
    expect(isSplit({ 'shop/web:80': 1 })).toBe(false);
    expect(isSplit({ 'shop/web:80': 0.5, '(500)': 0.5 })).toBe(true);
  });
});

describe('compareSplit', () => {
  const byPort = { 'shop/web:80': 0.5, '(500)': 0.5 };
  test('an outcome share is compared like a backend', () => {
    expect(compareSplit(byPort, { 'shop/web': 0.5, '(500)': 0.5 })).toEqual({ pass: true, problems: [] });
    expect(compareSplit(byPort, { 'shop/web': 1 })).toEqual({
      pass: false,
      problems: ['(500) takes 0.5 of the traffic but is not listed (every backend that takes traffic must be listed)', 'shop/web: expected 1, got 0.5'],
    });
  });
  test('a port key matches that port only', () => {
    expect(compareSplit(byPort, { 'shop/web:8080': 0.5, '(500)': 0.5 }).problems).toEqual([
      'shop/web takes 0.5 of the traffic but is not listed (every backend that takes traffic must be listed)',
      'shop/web:8080: expected 0.5, but it takes no traffic',
    ]);
  });
  test('malformed expectations are errors', () => {
    expect(() => compareSplit(byPort, { web: 1 })).toThrow("split key 'web' is not 'namespace/name', 'namespace/name:port' or an outcome such as '(500)'");
    expect(() => compareSplit(byPort, { 'shop/web': -0.1 })).toThrow("split share of 'shop/web' must be a number from 0 to 1");
  });
});
