describe('cdk8s-gateway-api/jest', () => {
  test('registers every matcher on expect', () => {
    jest.isolateModules(() => require('../src/jest'));
    const matchers = ['toRoute', 'toRedirect', 'toRespond', 'toSplit', 'toHaveCondition', 'toBeAccepted', 'toHaveNoValidationErrors', 'toRouteLike'];
    const e = expect({}) as unknown as Record<string, unknown>;
    expect(matchers.filter((m) => typeof e[m] !== 'function')).toEqual([]);
  });

  test('outside jest it says how to load it', () => {
    const jestExpect = expect;
    const g = globalThis as { expect?: unknown };
    let error: unknown;
    g.expect = undefined;
    try {
      jest.isolateModules(() => require('../src/jest'));
    } catch (e) {
      error = e;
    } finally {
      g.expect = jestExpect;
    }
    jestExpect(String(error)).toMatch(/must run inside jest: list it in the jest configuration's setupFilesAfterEnv, e.g. "setupFilesAfterEnv": \["cdk8s-gateway-api\/jest"\]/);
  });
});
