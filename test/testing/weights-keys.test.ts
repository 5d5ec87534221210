import { compareSplit, describeSplit, GRPC_STATUS_NAMES, grpcStatusText } from '../../src/testing/weights';

// Key syntax of a split (anchored at both ends), every gRPC status name, and the comparison tolerance at
// its exact edge.

test('every gRPC status code 0 to 16 has its canonical name', () => {
  expect([...Array(17).keys()].map(grpcStatusText)).toEqual([
    'OK (0)', 'CANCELLED (1)', 'UNKNOWN (2)', 'INVALID_ARGUMENT (3)', 'DEADLINE_EXCEEDED (4)', 'NOT_FOUND (5)', 'ALREADY_EXISTS (6)',
    'PERMISSION_DENIED (7)', 'RESOURCE_EXHAUSTED (8)', 'FAILED_PRECONDITION (9)', 'ABORTED (10)', 'OUT_OF_RANGE (11)', 'UNIMPLEMENTED (12)',
    'INTERNAL (13)', 'UNAVAILABLE (14)', 'DATA_LOSS (15)', 'UNAUTHENTICATED (16)',
  ]);
  expect(GRPC_STATUS_NAMES).toHaveLength(17);
});

test('a split key is a whole namespace/name[:port] or (outcome): extra text before or after is an error', () => {
  for (const key of ['a/b/c', 'x a/b', 'a/b:80x', 'a/b:80:81', 'x(500)', '(500)x', '((500))']) {
    expect(() => compareSplit({}, { [key]: 1 })).toThrow(`split key '${key}' is not 'namespace/name', 'namespace/name:port' or an outcome such as '(500)'`);
  }
});

test('only an outcome that is exactly (code) is named as a gRPC status', () => {
  expect(describeSplit({ '(14)': 0.5, '(14)x': 0.5 }, true)).toBe('50% get UNAVAILABLE (14), 50% get (14)x');
});

test('a difference of exactly the tolerance (1e-9) is a difference', () => {
  const r = compareSplit({ 'a/x:80': 1e-9, 'a/y:80': 1 }, { 'a/x': 0, 'a/y': 1 });
  expect(r.pass).toBe(false);
  expect(r.problems).toEqual(['a/x: expected 0, got 0']);
});
