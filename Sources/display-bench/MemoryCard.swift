import KioskCore
import KioskDisplay

#if canImport(Glibc)
    import Glibc
#endif

/// A KMS card in RAM for the benchmark: the DRM backend runs whole (buffers at a driver-like
/// pitch, damage per buffer, flips) and only the ioctls are left out; each flip completes at once.
final class MemoryCard: KMSDevice {
    let resources: KMSResources
    private var flipsDone = 0
    private let events: (read: Int32, write: Int32)

    init(width: Int, height: Int) {
        resources = KMSResources(
            crtcs: [40],
            connectors: [
                KMSConnector(
                    id: 50, name: "Memory-1", connected: true, modes: [KMSMode(width: width, height: height, refreshHz: 60, preferred: true, index: 0)],
                    encoders: [60])
            ],
            encoders: [KMSEncoder(id: 60, possibleCrtcs: 1)])
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        events = (fds[0], fds[1])
    }

    var fileDescriptor: Int32 { events.read }
    func probe() throws(DisplayError) -> KMSResources { resources }
    func saveCrtc(_ crtc: UInt32) {}
    func restoreSavedCrtc() {}

    func createBuffer(width: Int, height: Int) throws(DisplayError) -> KMSBuffer {
        let pitch = (width * 4 + 255) / 256 * 256  // as drivers align rows
        let memory = UnsafeMutableRawPointer.allocate(byteCount: pitch * height, alignment: 4096)
        memset(memory, 0, pitch * height)
        return KMSBuffer(framebuffer: 1, handle: 1, width: width, height: height, pitch: pitch, length: pitch * height, pixels: memory)
    }

    func destroyBuffer(_ buffer: KMSBuffer) { buffer.pixels.deallocate() }
    func setCrtc(_ crtc: UInt32, buffer: KMSBuffer, connector: UInt32, mode: KMSMode) throws(DisplayError) {}
    func pageFlip(_ crtc: UInt32, buffer: KMSBuffer) throws(DisplayError) { flipsDone += 1 }
    func readFlipEvents() throws(DisplayError) -> Int {
        defer { flipsDone = 0 }
        return flipsDone
    }
    func dropMaster() throws(DisplayError) {}
    func setMaster() throws(DisplayError) {}
    func close() {
        Glibc.close(events.read)
        Glibc.close(events.write)
    }
}
