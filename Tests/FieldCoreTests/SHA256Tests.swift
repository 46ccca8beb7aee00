import FieldCore
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "FIPS 180-4 / RFC 6234 vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func vectors(message: String, expected: String) {
        #expect(SHA256.hash(Array(message.utf8)).hexString == expected)
    }

    @Test("one million 'a'")
    func millionA() {
        let digest = SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))
        #expect(digest.hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("RFC 6234 test 4: 80 repetitions of a 64-byte pattern, fed in pieces")
    func repeatedPattern() {
        let piece = Array("0123456701234567012345670123456701234567012345670123456701234567".utf8)
        var hasher = SHA256()
        for _ in 0..<10 { hasher.update(piece) }
        #expect(hasher.finalize().hexString == "594847328451bdfa85056225462cc1d867d877fb388df0ce35f25ab5562bfbb5")
    }

    @Test("streaming with random splits equals one-shot", arguments: 0..<30)
    func streaming(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let length = Int.random(in: 0..<600, using: &rng)
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var hasher = SHA256()
        var index = 0
        while index < length {
            let step = Int.random(in: 1...70, using: &rng)
            let end = min(length, index + step)
            hasher.update(bytes[index..<end])
            index = end
        }
        #expect(hasher.finalize() == SHA256.hash(bytes))
    }

    @Test("padding boundaries at 55, 56 and 64 bytes match sha256sum")
    func boundaries() {
        // Known digests of n zero bytes, computed by `head -c n /dev/zero | sha256sum`.
        let expected: [Int: String] = [
            55: "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7",
            56: "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb",
            64: "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b",
        ]
        for (count, hex) in expected {
            #expect(SHA256.hash([UInt8](repeating: 0, count: count)).hexString == hex, "n = \(count)")
        }
    }
}
