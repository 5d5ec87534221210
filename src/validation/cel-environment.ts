/**
 * The CEL environment the CRD rules run in: the CEL standard library of
 * `@bufbuild/cel`, its strings extension (the Kubernetes strings library:
 * split, substring, lowerAscii, ...), `matches()` with RE2 semantics through
 * re2js, and the Kubernetes extension functions the Gateway API rules call
 * that the engine lacks (`isIP`).
 */
import { celEnv, celFunc, CelScalar, type CelEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { RE2JS } from 're2js';
import { isIPv4, isIPv6 } from './ip-address';

/**
 * Kubernetes `isIP(string)`: true for an IPv4 or IPv6 address without a zone.
 * Like the Kubernetes library, IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are refused.
 */
export function kubernetesIsIP(text: string): boolean {
  if (isIPv4(text)) return true;
  return isIPv6(text) && !/^::ffff:[0-9]+\./i.test(text);
}

const regexCache = new Map<string, RE2JS>();

function re2(pattern: string): RE2JS {
  let re = regexCache.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

let env: CelEnv | undefined;

/** The shared CEL environment (built once). */
export function kubernetesCelEnv(): CelEnv {
  if (!env) {
    env = celEnv({
      funcs: [...strings, celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, kubernetesIsIP)],
      re2: { compile: (pattern: string) => re2(pattern) },
    });
  }
  return env;
}
