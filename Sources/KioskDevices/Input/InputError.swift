#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif

/// A failed system call on an input source, naming the call, the path and the errno text.
public struct InputError: Error, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The device was unplugged or removed (`ENODEV`); reopen it when it comes back.
        case deviceGone
        /// Any other failure of `call`.
        case systemCall
    }

    public var kind: Kind
    /// The C call that failed, e.g. `open`.
    public var call: String
    public var path: String
    public var errno: Int32

    public init(call: String, path: String, errno: Int32) {
        self.kind = errno == ENODEV ? .deviceGone : .systemCall
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// True when the device has gone away (`ENODEV`).
    public var isDeviceGone: Bool { kind == .deviceGone }

    public var description: String {
        "\(call)(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
