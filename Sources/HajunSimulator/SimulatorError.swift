/// Errors of the simulator's file writer and server.
public enum SimulatorError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String)
    case unsupportedFormat(String)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): return "cannot write \(path)"
        case .unsupportedFormat(let format): return "cannot write the feed format '\(format)'"
        case .invalidConfiguration(let message): return message
        }
    }
}
