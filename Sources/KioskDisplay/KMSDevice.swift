import KioskCore

/// A mode a connector offers.
public struct KMSMode: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var refreshHz: Int
    /// The panel's own choice (`DRM_MODE_TYPE_PREFERRED`).
    public var preferred: Bool
    /// Its place in the connector's mode list, which the device uses to find it again.
    public var index: Int

    public init(width: Int, height: Int, refreshHz: Int, preferred: Bool = false, index: Int) {
        self.width = width
        self.height = height
        self.refreshHz = refreshHz
        self.preferred = preferred
        self.index = index
    }

    public var name: String { "\(width)x\(height)@\(refreshHz)" }
}

/// A connector (an output such as HDMI-A-1) as the kernel reports it.
public struct KMSConnector: Sendable, Equatable {
    public var id: UInt32
    /// E.g. `HDMI-A-1`, `Virtual-1`.
    public var name: String
    public var connected: Bool
    public var modes: [KMSMode]
    /// Encoders this connector can use.
    public var encoders: [UInt32]
    /// The encoder in use now (0 for none).
    public var currentEncoder: UInt32

    public init(id: UInt32, name: String, connected: Bool, modes: [KMSMode], encoders: [UInt32], currentEncoder: UInt32 = 0) {
        self.id = id
        self.name = name
        self.connected = connected
        self.modes = modes
        self.encoders = encoders
        self.currentEncoder = currentEncoder
    }
}

/// An encoder and the CRTCs it may feed.
public struct KMSEncoder: Sendable, Equatable {
    public var id: UInt32
    /// Bit `i` set: the CRTC at index `i` of ``KMSResources/crtcs`` may feed this encoder.
    public var possibleCrtcs: UInt32
    /// The CRTC feeding it now (0 for none).
    public var crtc: UInt32

    public init(id: UInt32, possibleCrtcs: UInt32, crtc: UInt32 = 0) {
        self.id = id
        self.possibleCrtcs = possibleCrtcs
        self.crtc = crtc
    }
}

/// What a DRM card has: `drmModeGetResources` with its connectors and encoders read.
public struct KMSResources: Sendable, Equatable {
    public var crtcs: [UInt32]
    public var connectors: [KMSConnector]
    public var encoders: [KMSEncoder]

    public init(crtcs: [UInt32], connectors: [KMSConnector], encoders: [KMSEncoder]) {
        self.crtcs = crtcs
        self.connectors = connectors
        self.encoders = encoders
    }
}

/// A dumb buffer with a framebuffer on it, mapped into this process.
public struct KMSBuffer: Equatable {
    /// The framebuffer id (`drmModeAddFB`).
    public var framebuffer: UInt32
    /// The dumb buffer's handle.
    public var handle: UInt32
    public var width: Int
    public var height: Int
    /// Bytes per row, as the driver chose it: at least `width × 4`, often more.
    public var pitch: Int
    /// Bytes mapped.
    public var length: Int
    public var pixels: UnsafeMutableRawPointer

    public init(
        framebuffer: UInt32, handle: UInt32, width: Int, height: Int, pitch: Int, length: Int, pixels: UnsafeMutableRawPointer
    ) {
        self.framebuffer = framebuffer
        self.handle = handle
        self.width = width
        self.height = height
        self.pitch = pitch
        self.length = length
        self.pixels = pixels
    }
}

/// The kernel's KMS interface as the DRM backend uses it: a protocol so that mode choice, pitch,
/// failing flips, unplugged screens and hotplug are tested with a fake card.
public protocol KMSDevice: AnyObject {
    /// The card's descriptor: readable when a page-flip event is waiting.
    var fileDescriptor: Int32 { get }
    /// Reads the card's CRTCs, connectors (with modes) and encoders.
    func probe() throws(DisplayError) -> KMSResources
    /// Remembers what `crtc` shows now (`drmModeGetCrtc`), to put back by ``restoreSavedCrtc()``.
    func saveCrtc(_ crtc: UInt32)
    /// Puts back the CRTC saved by ``saveCrtc(_:)`` (`drmModeSetCrtc` with its old buffer and mode).
    func restoreSavedCrtc()
    /// Creates an XRGB8888 dumb buffer with a framebuffer on it, maps it and clears it to black.
    func createBuffer(width: Int, height: Int) throws(DisplayError) -> KMSBuffer
    /// Unmaps and destroys `buffer` and its framebuffer.
    func destroyBuffer(_ buffer: KMSBuffer)
    /// Shows `buffer` on `crtc` driving `connector` in `mode` (`drmModeSetCrtc`).
    func setCrtc(_ crtc: UInt32, buffer: KMSBuffer, connector: UInt32, mode: KMSMode) throws(DisplayError)
    /// Asks for `buffer` on `crtc` at the next vertical blank, with an event when done (`drmModePageFlip`).
    func pageFlip(_ crtc: UInt32, buffer: KMSBuffer) throws(DisplayError)
    /// Reads waiting events (`drmHandleEvent`); returns how many page flips completed.
    func readFlipEvents() throws(DisplayError) -> Int
    /// Gives up DRM master (`drmDropMaster`), so another program (a VT switch) may set modes.
    func dropMaster() throws(DisplayError)
    /// Takes DRM master again (`drmSetMaster`).
    func setMaster() throws(DisplayError)
    /// Closes the card.
    func close()
}
