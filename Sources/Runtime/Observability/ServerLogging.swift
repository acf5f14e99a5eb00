import Foundation
import Logging

/// The server's own log (startup, load errors, timeouts, worker restarts) goes to stderr, leaving
/// stdout to access lines and what functions print. `KFN_LOG_FORMAT=json` makes both JSON lines.
public enum ServerLogging {
    public static func bootstrap(format: RuntimeConfiguration.LogFormat, level: String) {
        let level = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .text: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }
}

/// One JSON object per line on stderr: `time`, `level`, `logger`, `message`, then the metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        var line = "{\"time\":\(JSONText.quote(Date().ISO8601Format())),\"level\":\"\(event.level)\","
            + "\"logger\":\(JSONText.quote(label)),\"message\":\(JSONText.quote(event.message.description))"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += ",\(JSONText.quote(key)):\(JSONText.quote(value.description))"
        }
        line += "}\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
