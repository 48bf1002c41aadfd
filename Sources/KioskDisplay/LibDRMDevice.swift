import CDRM

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif
import KioskSystem

/// A DRM card through libdrm: the real ``KMSDevice``.
public final class LibDRMDevice: KMSDevice {
    public let fileDescriptor: Int32
    private let path: String
    /// Each connector's modes as the kernel listed them at the last probe, to set one by index.
    private var modeInfos: [UInt32: [drmModeModeInfo]] = [:]
    private var saved: drmModeCrtcPtr?
    /// Flip completions counted by libdrm's handler (see `cdrm_count_flip`).
    private let flips = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)

    /// Opens the card at `path`; throws naming the card, why, and what to check.
    public init(path: String) throws(DisplayError) {
        self.path = path
        do {
            fileDescriptor = try openDevice(path)
        } catch {
            throw DisplayError(device: path, problem: error.description, check: openAdvice(path, error.errno, kind: "drm"))
        }
        flips.initialize(to: 0)
        var capability: UInt64 = 0
        guard drmGetCap(fileDescriptor, UInt64(DRM_CAP_DUMB_BUFFER), &capability) == 0, capability != 0 else {
            closeDescriptor(fileDescriptor)  // deinit frees `flips`: this object is whole already
            throw DisplayError(
                device: path, problem: "not a KMS card with dumb buffers",
                check: "\"device\" names the card that drives the screen (a render node /dev/dri/renderD* cannot set modes)")
        }
    }

    deinit { flips.deallocate() }

    public func probe() throws(DisplayError) -> KMSResources {
        guard let resources = drmModeGetResources(fileDescriptor) else {
            throw DisplayError(
                device: path, problem: failed("drmModeGetResources"),
                check: "the card supports mode setting (it is not a render-only GPU)")
        }
        defer { drmModeFreeResources(resources) }
        let r = resources.pointee
        let crtcs = (0..<Int(max(0, r.count_crtcs))).map { r.crtcs[$0] }
        var encoders: [KMSEncoder] = []
        for index in 0..<Int(max(0, r.count_encoders)) {
            guard let encoder = drmModeGetEncoder(fileDescriptor, r.encoders[index]) else { continue }
            encoders.append(KMSEncoder(id: encoder.pointee.encoder_id, possibleCrtcs: encoder.pointee.possible_crtcs, crtc: encoder.pointee.crtc_id))
            drmModeFreeEncoder(encoder)
        }
        var connectors: [KMSConnector] = []
        modeInfos = [:]
        for index in 0..<Int(max(0, r.count_connectors)) {
            guard let connector = drmModeGetConnector(fileDescriptor, r.connectors[index]) else { continue }
            let c = connector.pointee
            let infos = (0..<Int(max(0, c.count_modes))).map { c.modes[$0] }
            modeInfos[c.connector_id] = infos
            let modes = infos.enumerated().map { index, info in
                var copy = info
                return KMSMode(
                    width: Int(info.hdisplay), height: Int(info.vdisplay), refreshHz: Int(info.vrefresh),
                    preferred: cdrm_is_preferred(&copy) != 0, index: index)
            }
            let typeName = drmModeGetConnectorTypeName(c.connector_type).map { String(cString: $0) } ?? "Unknown"
            connectors.append(
                KMSConnector(
                    id: c.connector_id, name: "\(typeName)-\(c.connector_type_id)", connected: cdrm_is_connected(connector) != 0,
                    modes: modes, encoders: (0..<Int(max(0, c.count_encoders))).map { c.encoders[$0] }, currentEncoder: c.encoder_id))
            drmModeFreeConnector(connector)
        }
        return KMSResources(crtcs: crtcs, connectors: connectors, encoders: encoders)
    }

    public func saveCrtc(_ crtc: UInt32) {
        if let saved { drmModeFreeCrtc(saved) }
        saved = drmModeGetCrtc(fileDescriptor, crtc)
    }

    public func restoreSavedCrtc() {
        guard let saved else { return }
        var mode = saved.pointee.mode
        var connectors: [UInt32] = []
        // The connector that was on this CRTC: the one whose current encoder feeds it.
        if let resources = try? probe() {
            for connector in resources.connectors {
                if let encoder = resources.encoders.first(where: { $0.id == connector.currentEncoder }),
                    encoder.crtc == saved.pointee.crtc_id
                {
                    connectors.append(connector.id)
                }
            }
        }
        if saved.pointee.mode_valid != 0, saved.pointee.buffer_id != 0, !connectors.isEmpty {
            _ = drmModeSetCrtc(
                fileDescriptor, saved.pointee.crtc_id, saved.pointee.buffer_id, saved.pointee.x, saved.pointee.y, &connectors,
                Int32(connectors.count), &mode)
        }
        drmModeFreeCrtc(saved)
        self.saved = nil
    }

    public func createBuffer(width: Int, height: Int) throws(DisplayError) -> KMSBuffer {
        var handle: UInt32 = 0, pitch: UInt32 = 0, size: UInt64 = 0
        guard drmModeCreateDumbBuffer(fileDescriptor, UInt32(width), UInt32(height), 32, 0, &handle, &pitch, &size) == 0 else {
            throw failure("creating a \(width)x\(height) dumb buffer", check: "the card has memory for two frames")
        }
        var framebuffer: UInt32 = 0
        guard drmModeAddFB(fileDescriptor, UInt32(width), UInt32(height), 24, 32, pitch, handle, &framebuffer) == 0 else {
            let error = failure("adding a framebuffer", check: "the driver takes XRGB8888 (24-bit depth, 32 bpp)")
            _ = drmModeDestroyDumbBuffer(fileDescriptor, handle)
            throw error
        }
        var offset: UInt64 = 0
        let mapped: UnsafeMutableRawPointer?
        if drmModeMapDumbBuffer(fileDescriptor, handle, &offset) == 0 {
            let address = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_SHARED, fileDescriptor, off_t(Int64(bitPattern: offset)))
            mapped = address == MAP_FAILED ? nil : address
        } else {
            mapped = nil
        }
        guard let pixels = mapped else {
            let error = failure("mapping a dumb buffer", check: "the card allows mapping dumb buffers")
            _ = drmModeRmFB(fileDescriptor, framebuffer)
            _ = drmModeDestroyDumbBuffer(fileDescriptor, handle)
            throw error
        }
        memset(pixels, 0, Int(size))
        return KMSBuffer(
            framebuffer: framebuffer, handle: handle, width: width, height: height, pitch: Int(pitch), length: Int(size), pixels: pixels)
    }

    public func destroyBuffer(_ buffer: KMSBuffer) {
        munmap(buffer.pixels, buffer.length)
        _ = drmModeRmFB(fileDescriptor, buffer.framebuffer)
        _ = drmModeDestroyDumbBuffer(fileDescriptor, buffer.handle)
    }

    public func setCrtc(_ crtc: UInt32, buffer: KMSBuffer, connector: UInt32, mode: KMSMode) throws(DisplayError) {
        guard var info = modeInfos[connector].flatMap({ mode.index < $0.count ? $0[mode.index] : nil }) else {
            throw DisplayError(device: path, problem: "mode \(mode.name) is gone from connector \(connector)", check: "the screen's cable")
        }
        var connectors = [connector]
        guard drmModeSetCrtc(fileDescriptor, crtc, buffer.framebuffer, 0, 0, &connectors, 1, &info) == 0 else {
            throw failure("drmModeSetCrtc \(mode.name)", check: "kioskd is DRM master (no display server or other kioskd runs on this card)")
        }
    }

    public func pageFlip(_ crtc: UInt32, buffer: KMSBuffer) throws(DisplayError) {
        guard cdrm_page_flip(fileDescriptor, crtc, buffer.framebuffer, flips) == 0 else {
            throw failure("drmModePageFlip", check: "the driver supports page flips")
        }
    }

    public func readFlipEvents() throws(DisplayError) -> Int {
        let before = flips.pointee
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, 0) > 0 {
            guard cdrm_handle_flip_events(fileDescriptor) == 0 else {
                if errno == EAGAIN || errno == EINTR { break }
                throw failure("drmHandleEvent", check: "the card is still there")
            }
        }
        return Int(flips.pointee &- before)
    }

    public func dropMaster() throws(DisplayError) {
        guard drmDropMaster(fileDescriptor) == 0 else { throw failure("drmDropMaster", check: "kioskd was DRM master") }
    }

    public func setMaster() throws(DisplayError) {
        guard drmSetMaster(fileDescriptor) == 0 else {
            throw failure("drmSetMaster", check: "no other program holds the card (kioskd needs CAP_SYS_ADMIN or an active VT/logind session)")
        }
    }

    public func close() {
        if let saved { drmModeFreeCrtc(saved) }
        saved = nil
        closeDescriptor(fileDescriptor)
    }

    private func failure(_ call: String, check: String) -> DisplayError {
        DisplayError(device: path, problem: failed(call), check: check)
    }
}
