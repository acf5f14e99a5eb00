import CYaml
import Jsonnet
import Yams

/// Streams a JSON value into libyaml's emitter as events. This is what `Yams.serialize(node:)`
/// does with the same libyaml (the copy Yams bundles) and the same settings, without building a
/// `Yams.Node` tree first: for the tens of thousands of objects of a large build, making and
/// walking that tree cost more than libyaml's own work.
struct YAMLEmitter {
    /// The libyaml emitter's output, collected by its write handler.
    private final class Sink {
        var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    enum Failure: Error, CustomStringConvertible {
        case libyaml(String)
        var description: String {
            switch self {
            case .libyaml(let problem): "libyaml: \(problem)"
            }
        }
    }

    /// One YAML document: block style, two-space indentation, no line folding, UTF-8 kept as is,
    /// keys in sorted order, each string in the style `YAMLWriter.style(for:)` picks. The bytes
    /// follow `prefix` (a comment header), so the document is not copied behind it afterwards.
    static func document(_ value: JSONValue, after prefix: [UInt8] = []) throws -> [UInt8] {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        emitter.initialize(to: yaml_emitter_t())
        defer { emitter.deinitialize(count: 1); emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw Failure.libyaml("cannot initialise the emitter") }
        defer { yaml_emitter_delete(emitter) }
        let sink = Sink(prefix)
        return try withExtendedLifetime(sink) {
            yaml_emitter_set_output(emitter, { data, buffer, size in
                guard let data, let buffer else { return 0 }
                Unmanaged<Sink>.fromOpaque(data).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, Unmanaged.passUnretained(sink).toOpaque())
            yaml_emitter_set_canonical(emitter, 0)
            yaml_emitter_set_indent(emitter, 2)
            yaml_emitter_set_width(emitter, -1)
            yaml_emitter_set_unicode(emitter, 1)
            yaml_emitter_set_break(emitter, YAML_LN_BREAK)
            yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)

            let writer = Writer(emitter: emitter)
            var event = yaml_event_t()
            yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
            try writer.emit(&event)
            yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
            try writer.emit(&event)
            try writer.value(value)
            yaml_document_end_event_initialize(&event, 1)
            try writer.emit(&event)
            yaml_stream_end_event_initialize(&event)
            try writer.emit(&event)
            return sink.bytes
        }
    }

    /// The events of one value. Tags are left out: every event is implicit, so libyaml would not
    /// write them anyway.
    private struct Writer {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>

        func emit(_ event: inout yaml_event_t) throws {
            guard yaml_emitter_emit(emitter, &event) == 1 else {
                throw Failure.libyaml(emitter.pointee.problem.map { String(cString: $0) } ?? "emitter error")
            }
        }

        func scalar(_ text: String, _ style: Node.Scalar.Style) throws {
            var event = yaml_event_t()
            var text = text
            let ok = text.withUTF8 { bytes in
                yaml_scalar_event_initialize(&event, nil, nil, bytes.baseAddress ?? UnsafePointer(emptyScalar),
                                             Int32(bytes.count), 1, 1, yaml_scalar_style_t(rawValue: style.rawValue))
            }
            guard ok == 1 else { throw Failure.libyaml("cannot make a scalar event") }
            try emit(&event)
        }

        func value(_ value: JSONValue) throws {
            switch value {
            case .null: try scalar("null", .plain)
            case .bool(let b): try scalar(b ? "true" : "false", .plain)
            case .number(let d): try scalar(JSONWriter.formatNumber(d), .plain)
            case .string(let s): try scalar(s, YAMLWriter.style(for: s))
            case .array(let items):
                var event = yaml_event_t()
                yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
                try emit(&event)
                for item in items { try self.value(item) }
                yaml_sequence_end_event_initialize(&event)
                try emit(&event)
            case .object(let fields):
                var event = yaml_event_t()
                yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
                try emit(&event)
                for (key, item) in fields.sorted(by: { $0.key < $1.key }) {
                    try scalar(key, YAMLWriter.style(for: key))
                    try self.value(item)
                }
                yaml_mapping_end_event_initialize(&event)
                try emit(&event)
            }
        }
    }
}

/// A valid pointer for empty strings (libyaml copies `length` bytes from it, here none).
private nonisolated(unsafe) let emptyScalar = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
