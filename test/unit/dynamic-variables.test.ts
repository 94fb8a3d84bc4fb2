import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dynamicValue } from '../../src/core/collections/dynamic-variables';
import { createResolver } from '../../src/core/collections/resolver';
import { resolveSpec } from '../../src/core/variables';

const NOW = new Date('2026-01-31T23:30:05.250Z');

describe('dynamic variables', () => {
  it('make dates in UTC, as ISO 8601 or RFC 1123, moved by an offset in any unit', () => {
    assert.equal(dynamicValue('$datetime:iso8601', NOW), '2026-01-31T23:30:05.250Z');
    assert.equal(dynamicValue('$datetime:rfc1123', NOW), 'Sat, 31 Jan 2026 23:30:05 GMT');
    assert.equal(dynamicValue('$datetime:iso8601:1:d', NOW), '2026-02-01T23:30:05.250Z');
    assert.equal(dynamicValue('$datetime:iso8601:-2:h', NOW), '2026-01-31T21:30:05.250Z');
    assert.equal(dynamicValue('$datetime:iso8601:1:M', NOW), '2026-03-03T23:30:05.250Z'); // 31 February rolls over, as Date does
    assert.equal(dynamicValue('$datetime:iso8601:1:y', NOW), '2027-01-31T23:30:05.250Z');
    assert.equal(dynamicValue('$datetime:iso8601:250:ms', NOW), '2026-01-31T23:30:05.500Z');
    assert.equal(dynamicValue('$timestamp', NOW), '1769902205');
    assert.equal(dynamicValue('$timestamp:-1:w', NOW), String(1769902205 - 7 * 86400));
    assert.equal(dynamicValue('$isoTimestamp', NOW), '2026-01-31T23:30:05.250Z');
  });

  it('make local dates with the zone offset written out', () => {
    const iso = dynamicValue('$localDatetime:iso8601', NOW)!;
    assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    assert.equal(new Date(iso).getTime(), Math.floor(NOW.getTime() / 1000) * 1000);
    assert.match(dynamicValue('$localDatetime:rfc1123:2:h', NOW)!, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/);
  });

  it('draw integers in [min, max) and refuse what they cannot make', () => {
    for (let i = 0; i < 200; i++) {
      const n = Number(dynamicValue('$randomInt:-3:3'));
      assert.ok(Number.isInteger(n) && n >= -3 && n < 3, String(n));
    }
    assert.match(dynamicValue('$uuid')!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const bad of ['$randomInt:5:5', '$randomInt:1', '$randomInt:a:b', '$datetime', '$datetime:YYYY', '$datetime:iso8601:1', '$datetime:iso8601:1:fortnight', '$timestamp:x:d', '$uuid:1', '$nope', '$datetime:iso8601:1:constructor']) {
      assert.equal(dynamicValue(bad, NOW), undefined, bad);
    }
  });

  it('are filled in by the resolver, and a wrong one is a missing variable', () => {
    const r = createResolver({});
    const out = resolveSpec({ method: 'GET', url: 'http://x/?a={{$datetime:rfc1123}}&b={{$randomInt:1:2}}&c={{$datetime:iso8601:1:parsec}}' }, r.lookup);
    assert.match(out.spec.url, /^http:\/\/x\/\?a=[A-Z][a-z]{2}, .* GMT&b=1&c=/);
    assert.deepEqual(out.missing, ['$datetime:iso8601:1:parsec']);
  });
});
