internal import CLibXML2

/// Where ``XMLOutput`` has libxml2 write: chunks are appended to a String as they come, so a
/// large document is not held in a libxml2 buffer and copied into a String at the end.
///
/// libxml2 cuts its chunks anywhere, so the bytes of a character split across two chunks wait
/// in `partial` until the rest arrives.
final class StringSink {
    private var text = ""
    private var partial: [UInt8] = []

    /// Room for `bytes` of output, so a large document does not briefly exist twice while the
    /// text grows (pages reserved but never written cost no memory).
    func reserve(_ bytes: Int) {
        if bytes > 0 { text.reserveCapacity(bytes) }
    }

    /// The text written so far; the sink is empty afterwards.
    func takeText() -> String {
        if !partial.isEmpty { text += String(decoding: partial, as: UTF8.self) }
        defer { discardWritten() }
        return text
    }

    /// Forgets what was written so far (an unwanted XML declaration).
    func discardWritten() {
        text = ""
        partial = []
    }

    private func append(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes[...]
        // Complete a character left over from the previous chunk.
        while !partial.isEmpty, let byte = rest.first {
            partial.append(byte)
            rest = rest.dropFirst()
            if partial.count >= Self.sequenceLength(leadingWith: partial[0]) {
                text += String(decoding: partial, as: UTF8.self)
                partial = []
            }
        }
        guard !rest.isEmpty else { return }
        let cut = rest.endIndex - Self.incompleteTailLength(of: rest)
        text += String(decoding: UnsafeRawBufferPointer(rebasing: rest[..<cut]), as: UTF8.self)
        partial.append(contentsOf: rest[cut...])
    }

    /// Bytes at the end of `bytes` that start a character whose other bytes have not come yet.
    private static func incompleteTailLength(of bytes: Slice<UnsafeRawBufferPointer>) -> Int {
        var index = bytes.endIndex
        while index > bytes.startIndex, bytes.endIndex - index < 4 {
            index -= 1
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 { continue }
            return bytes.endIndex - index < sequenceLength(leadingWith: byte) ? bytes.endIndex - index : 0
        }
        return 0
    }

    private static func sequenceLength(leadingWith byte: UInt8) -> Int {
        switch byte {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// libxml2's write callback: `context` is the sink, retained by the output buffer.
    static let write: xmlOutputWriteCallback = { context, buffer, length in
        guard let context, let buffer, length >= 0 else { return -1 }
        let sink = Unmanaged<StringSink>.fromOpaque(context).takeUnretainedValue()
        sink.append(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
        return length
    }

    /// libxml2's close callback: releases the sink the output buffer held.
    static let close: xmlOutputCloseCallback = { context in
        if let context { Unmanaged<StringSink>.fromOpaque(context).release() }
        return 0
    }
}
