import CLazyLibraries
import CVNCServer
import KioskCore
import KioskUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// The technicians' remote view through libvncserver: the frame the screen shows, sent to VNC
/// clients as damaged rectangles only. Password required; view-only unless input is allowed, when
/// a click (left button released) becomes a tap. Runs on the event loop: its sockets are polled.
public final class VNCDisplay: Display {
    public let size: ScreenSize
    private let screen: rfbScreenInfoPtr
    private let pixels: UnsafeMutablePointer<UInt32>
    private let passwords: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let taps: UnsafeMutablePointer<cvnc_taps>
    public private(set) var health: DisplayHealth

    /// Listens on `config.interface`:`config.port`. Throws when libvncserver cannot be loaded, the password file is not mode 0600
    /// or unreadable, or the port cannot be listened on.
    public init(_ config: VNCConfig, size: ScreenSize) throws(DisplayError) {
        let password = try Self.password(config.passwordFile)
        if let problem = kiosk_library_load(KIOSK_LIBRARY_VNCSERVER) {
            throw DisplayError(device: "vnc", problem: String(cString: problem), check: "Debian's libvncserver1 is installed")
        }
        self.size = size
        rfbLogEnable(0)
        guard let screen = rfbGetScreen(nil, nil, Int32(size.width), Int32(size.height), 8, 3, 4) else {
            throw DisplayError(device: "vnc", problem: "libvncserver could not start", check: "memory")
        }
        self.screen = screen
        pixels = .allocate(capacity: size.width * size.height)
        pixels.initialize(repeating: 0, count: size.width * size.height)
        passwords = .allocate(capacity: 2)
        passwords[0] = strdup(password)
        passwords[1] = nil
        taps = .allocate(capacity: 1)
        taps.initialize(to: cvnc_taps())
        screen.pointee.frameBuffer = UnsafeMutableRawPointer(pixels).assumingMemoryBound(to: CChar.self)
        // The canvas's 0x00RRGGBB, as libvncserver describes it.
        screen.pointee.serverFormat.redShift = 16
        screen.pointee.serverFormat.greenShift = 8
        screen.pointee.serverFormat.blueShift = 0
        screen.pointee.port = Int32(config.port)
        screen.pointee.ipv6port = 0  // IPv4 only: the configured interface is the only way in
        screen.pointee.listenInterface = inet_addr(config.interface)
        screen.pointee.alwaysShared = 1
        screen.pointee.cursor = nil  // a kiosk has no pointer: no cursor drawn over the frame
        // Send updates as soon as they are asked for: deferred ones would wait for the next socket event.
        screen.pointee.deferUpdateTime = 0
        screen.pointee.desktopName = UnsafePointer(strdup("kioskd"))
        screen.pointee.screenData = UnsafeMutableRawPointer(taps)
        cvnc_use_password_list(screen, passwords)
        cvnc_set_input(screen, config.allowInput ? 1 : 0)
        cvnc_init_server(screen)
        guard screen.pointee.listenSock >= 0 else {
            let error = DisplayError(
                device: "vnc \(config.interface):\(config.port)", problem: "cannot listen",
                check: "no other program uses port \(config.port) (ss -ltnp), and \(config.interface) is an address of this machine")
            Self.release(screen, pixels, passwords, taps)
            throw error
        }
        health = .showing(
            "vnc on \(config.interface):\(config.port), " + (config.allowInput ? "input allowed" : "view-only"))
    }

    deinit { Self.release(screen, pixels, passwords, taps) }

    private static func release(
        _ screen: rfbScreenInfoPtr, _ pixels: UnsafeMutablePointer<UInt32>,
        _ passwords: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ taps: UnsafeMutablePointer<cvnc_taps>
    ) {
        rfbShutdownServer(screen, 1)
        screen.pointee.frameBuffer = nil
        rfbScreenCleanup(screen)
        pixels.deallocate()
        free(passwords[0])
        passwords.deallocate()
        taps.deallocate()
    }

    /// The first line of `path`, which only its owner may read or write (mode 0600 or stricter).
    static func password(_ path: String) throws(DisplayError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw DisplayError(
                device: "vnc password file \(path)", problem: failed("read"),
                check: "the file exists and kioskd's user owns it")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw DisplayError(
                device: "vnc password file \(path)", problem: "mode \(String(status.st_mode & 0o777, radix: 8)) lets others read it",
                check: "chmod 600 \(path)")
        }
        guard let file = fopen(path, "r") else {
            throw DisplayError(device: "vnc password file \(path)", problem: failed("open"), check: "kioskd's user owns it")
        }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        guard fgets(&line, Int32(line.count), file) != nil else {
            throw DisplayError(device: "vnc password file \(path)", problem: "is empty", check: "write the password on its first line")
        }
        let password = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingSuffix { $0 == "\n" || $0 == "\r" }
        guard (6...8).contains(password.utf8.count) else {
            throw DisplayError(
                device: "vnc password file \(path)", problem: "the password is \(password.utf8.count) bytes long",
                check: "VNC passwords are 6 to 8 characters (the protocol uses 8)")
        }
        return password
    }

    public var stride: Int { size.width * 4 }
    public var isReady: Bool { true }
    public var needsFrame: Bool { false }

    public var pollDescriptors: [Int32] {
        var fds = [screen.pointee.listenSock]
        var index: Int32 = 0
        while true {
            let fd = cvnc_client_socket(screen, index)
            guard fd >= 0 else { break }
            fds.append(fd)
            index += 1
        }
        return fds
    }

    public func present(_ canvas: Canvas, damage: [Rect]) {
        canvas.pixels.withUnsafeBufferPointer { source in
            for rect in damage {
                let area = rect.intersection(canvas.bounds)
                guard !area.isEmpty else { continue }
                for y in area.y..<area.maxY {
                    let start = y * size.width + area.x
                    (pixels + start).update(from: source.baseAddress! + start, count: area.width)
                }
                rfbMarkRectAsModified(screen, Int32(area.x), Int32(area.y), Int32(area.maxX), Int32(area.maxY))
            }
        }
        rfbProcessEvents(screen, 0)
    }

    public func handleEvents() { rfbProcessEvents(screen, 0) }

    /// Taps the viewer made since the last call (none when view-only).
    public func takeViewerTaps() -> [(x: Int, y: Int)] {
        let count = Int(min(max(taps.pointee.count, 0), 32))
        var result: [(x: Int, y: Int)] = []
        withUnsafeBytes(of: taps.pointee.x) { xs in
            withUnsafeBytes(of: taps.pointee.y) { ys in
                for index in 0..<count {
                    result.append((Int(xs.load(fromByteOffset: index * 4, as: Int32.self)), Int(ys.load(fromByteOffset: index * 4, as: Int32.self))))
                }
            }
        }
        taps.pointee.count = 0
        return result
    }

    public func suspend() {}
    public func resume() {}
    public func close(lastFrame: Canvas) {}
}

extension String {
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool) -> String {
        var text = self
        while let last = text.last, drop(last) { text.removeLast() }
        return text
    }
}
