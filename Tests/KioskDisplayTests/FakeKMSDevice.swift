import KioskCore
import KioskDisplay

#if canImport(Glibc)
    import Glibc
#endif

/// A DRM card in memory, below the DRM backend: its connectors, the calls made to it, and page
/// flips that complete when the test says so (a byte on a real pipe, so the descriptor polls).
final class FakeKMSDevice: KMSDevice {
    var resources: KMSResources
    /// Extra bytes the "driver" adds to each row, so pitch ≠ width × 4.
    var pitchPadding: Int
    var failFlips = false
    private(set) var setCrtcCalls: [(crtc: UInt32, framebuffer: UInt32, connector: UInt32, mode: KMSMode)] = []
    private(set) var flips: [(crtc: UInt32, framebuffer: UInt32)] = []
    private(set) var buffers: [KMSBuffer] = []
    private(set) var destroyed: [UInt32] = []
    private(set) var saved: UInt32?
    private(set) var restored = false
    private(set) var closed = false
    private(set) var master = true
    private let events: (read: Int32, write: Int32)
    private var nextID: UInt32 = 100

    init(_ resources: KMSResources, pitchPadding: Int = 0) {
        self.resources = resources
        self.pitchPadding = pitchPadding
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        events = (fds[0], fds[1])
    }

    deinit {
        Glibc.close(events.read)
        Glibc.close(events.write)
        for buffer in buffers where !destroyed.contains(buffer.framebuffer) { buffer.pixels.deallocate() }
    }

    var fileDescriptor: Int32 { events.read }

    func probe() throws(DisplayError) -> KMSResources { resources }
    func saveCrtc(_ crtc: UInt32) { saved = crtc }
    func restoreSavedCrtc() { restored = true }

    func createBuffer(width: Int, height: Int) throws(DisplayError) -> KMSBuffer {
        let pitch = width * 4 + pitchPadding
        let memory = UnsafeMutableRawPointer.allocate(byteCount: pitch * height, alignment: 16)
        memory.initializeMemory(as: UInt8.self, repeating: 0xEE, count: pitch * height)  // padding stays 0xEE
        for y in 0..<height { memset(memory + y * pitch, 0, width * 4) }
        nextID += 1
        let buffer = KMSBuffer(
            framebuffer: nextID, handle: nextID + 1000, width: width, height: height, pitch: pitch, length: pitch * height,
            pixels: memory)
        buffers.append(buffer)
        return buffer
    }

    func destroyBuffer(_ buffer: KMSBuffer) {
        destroyed.append(buffer.framebuffer)
        buffer.pixels.deallocate()
    }

    func setCrtc(_ crtc: UInt32, buffer: KMSBuffer, connector: UInt32, mode: KMSMode) throws(DisplayError) {
        setCrtcCalls.append((crtc, buffer.framebuffer, connector, mode))
    }

    func pageFlip(_ crtc: UInt32, buffer: KMSBuffer) throws(DisplayError) {
        if failFlips { throw DisplayError(device: "fake", problem: "drmModePageFlip failed: EINVAL", check: "-") }
        flips.append((crtc, buffer.framebuffer))
    }

    /// The vertical blank: the flip asked for is done, and the card says so.
    func completeFlip() {
        var byte: UInt8 = 1
        _ = write(events.write, &byte, 1)
    }

    func readFlipEvents() throws(DisplayError) -> Int {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = read(events.read, &bytes, bytes.count)
        return max(0, count)
    }

    func dropMaster() throws(DisplayError) { master = false }
    func setMaster() throws(DisplayError) { master = true }
    func close() { closed = true }

    /// The pixels of the buffer whose framebuffer is `framebuffer`, row by row at its pitch.
    func pixel(_ framebuffer: UInt32, x: Int, y: Int) -> UInt32 {
        let buffer = buffers.first { $0.framebuffer == framebuffer }!
        return buffer.pixels.load(fromByteOffset: y * buffer.pitch + x * 4, as: UInt32.self)
    }

    func buffer(_ framebuffer: UInt32) -> KMSBuffer { buffers.first { $0.framebuffer == framebuffer }! }
}

extension KMSResources {
    /// One connector (`Virtual-1`, id 31) on encoder 41, which only CRTC index `crtcIndex` may feed.
    static func single(connected: Bool = true, modes: [KMSMode], crtcIndex: Int = 0) -> KMSResources {
        KMSResources(
            crtcs: [21, 22, 23], connectors: [KMSConnector(id: 31, name: "Virtual-1", connected: connected, modes: modes, encoders: [41])],
            encoders: [KMSEncoder(id: 41, possibleCrtcs: 1 << UInt32(crtcIndex))])
    }
}
