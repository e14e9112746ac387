import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { canonicalJson, CanonicalJsonError } from '../../../shared/alarms/canonical-json';
import { constantTimeEqual, fromHex, toHex, utf8Encode } from '../../../shared/alarms/crypto/bytes';
import { hmacSha256Hex } from '../../../shared/alarms/crypto/hmac';
import { sha256Hex } from '../../../shared/alarms/crypto/sha256';

const repeat = (byte: number, n: number): Uint8Array => new Uint8Array(n).fill(byte);

describe('SHA-256 (FIPS 180-4 vectors)', () => {
  const vectors: ReadonlyArray<[string, string]> = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ];
  for (const [input, digest] of vectors) {
    test(`"${input.slice(0, 20)}…" (${input.length} bytes)`, () => assert.equal(sha256Hex(input), digest));
  }

  test('one million "a"', () => {
    assert.equal(sha256Hex(repeat(0x61, 1_000_000)), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  test('agrees with node:crypto at every length around the padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'), `length ${n}`);
    }
  });
});

describe('HMAC-SHA256 (RFC 4231 test cases)', () => {
  const text = (s: string): Uint8Array => utf8Encode(s);
  const cases: ReadonlyArray<[string, Uint8Array, Uint8Array, string]> = [
    ['1', repeat(0x0b, 20), text('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    ['2', text('Jefe'), text('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['3', repeat(0xaa, 20), repeat(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      '4',
      Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      '6',
      repeat(0xaa, 131),
      text('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      '7',
      repeat(0xaa, 131),
      text(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ];
  for (const [name, key, data, mac] of cases) test(`case ${name}`, () => assert.equal(hmacSha256Hex(key, data), mac));

  test('string keys and messages are UTF-8, as node:crypto reads them', () => {
    assert.equal(hmacSha256Hex('사이트 키 🔑', '{"a":1}'), createHmac('sha256', '사이트 키 🔑').update('{"a":1}').digest('hex'));
  });
});

describe('bytes', () => {
  test('UTF-8 as TextEncoder writes it, lone surrogates included', () => {
    for (const s of ['', 'ascii', 'é', '한글', '🔥', 'a\ud800b', '\udc00', 'x\ud83d']) {
      assert.deepEqual(utf8Encode(s), new TextEncoder().encode(s), JSON.stringify(s));
    }
  });

  test('hex both ways, and constant-time equality', () => {
    assert.equal(toHex(Uint8Array.from([0, 15, 255])), '000fff');
    assert.deepEqual(fromHex('000FfF'), Uint8Array.from([0, 15, 255]));
    assert.equal(fromHex('abc'), null);
    assert.equal(fromHex('zz'), null);
    assert.ok(constantTimeEqual('abc', 'abc'));
    assert.ok(!constantTimeEqual('abc', 'abd'));
    assert.ok(!constantTimeEqual('abc', 'abcd'));
  });
});

describe('canonical JSON', () => {
  test('sorted keys, no white space, undefined left out', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: undefined, é: 'é', B: 2 } }), '{"a":[true,null,"x"],"b":1,"c":{"B":2,"z":1.5,"é":"é"}}');
  });

  test('the same value gives the same text whatever order it was built in', () => {
    assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
  });

  test('refuses what JSON cannot hold exactly', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, () => 1, new Date(0), { a: 10n }]) {
      assert.throws(() => canonicalJson(bad), CanonicalJsonError);
    }
  });
});
