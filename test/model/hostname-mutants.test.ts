import { intersectHostnames } from '../../src/model';

describe('intersectHostnames leaves out route hostnames that do not overlap', () => {
  test('no overlap gives an empty list, with no placeholder entry', () => {
    expect(intersectHostnames('a.example.com', ['b.example.com'])).toStrictEqual([]);
    expect(intersectHostnames('*.example.com', ['example.com', 'foo.other.org'])).toStrictEqual([]);
  });

  test('only the overlapping route hostnames are kept, narrowed, in order', () => {
    expect(intersectHostnames('*.example.com', ['b.other.org', 'a.example.com', '*.com'])).toStrictEqual(['a.example.com', '*.example.com']);
  });
});
