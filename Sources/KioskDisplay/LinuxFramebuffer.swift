import CLinux

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif
import KioskSystem

/// A Linux framebuffer device (`/dev/fbN`), mapped: the real ``FramebufferDevice``.
public final class LinuxFramebuffer: FramebufferDevice {
    public let info: FramebufferInfo
    public let memory: UnsafeMutableRawPointer
    private let fd: Int32
    private let path: String
    private var variable: fb_var_screeninfo

    /// Opens and maps the framebuffer at `path`; throws naming it, why, and what to check.
    public init(path: String) throws(DisplayError) {
        self.path = path
        do {
            fd = try openDevice(path)
        } catch {
            throw DisplayError(device: path, problem: error.description, check: openAdvice(path, error.errno, kind: "fbdev"))
        }
        var variable = fb_var_screeninfo()
        var fixed = fb_fix_screeninfo()
        guard clinux_fbioget_vscreeninfo(fd, &variable) == 0, clinux_fbioget_fscreeninfo(fd, &fixed) == 0 else {
            let code = errno
            closeDescriptor(fd)
            throw DisplayError(
                device: path, problem: SystemCallError(call: "ioctl(FBIOGET_VSCREENINFO/FSCREENINFO)", errno: code).description,
                check: "\(path) is a framebuffer device (ls -l /sys/class/graphics)")
        }
        func field(_ f: fb_bitfield) -> PixelFormat.Field { .init(offset: Int(f.offset), length: Int(f.length)) }
        let info = FramebufferInfo(
            width: Int(variable.xres), height: Int(variable.yres), virtualHeight: Int(variable.yres_virtual),
            lineLength: Int(fixed.line_length), memoryLength: Int(fixed.smem_len),
            format: PixelFormat(
                bitsPerPixel: Int(variable.bits_per_pixel), red: field(variable.red), green: field(variable.green),
                blue: field(variable.blue)))
        guard let address = mmap(nil, info.memoryLength, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            let code = errno
            closeDescriptor(fd)
            throw DisplayError(
                device: path, problem: SystemCallError(call: "mmap", subject: "\(info.memoryLength) bytes", errno: code).description,
                check: "the framebuffer driver allows mapping its memory")
        }
        self.info = info
        self.variable = variable
        memory = address
    }

    public func pan(yOffset: Int) throws(DisplayError) {
        variable.yoffset = UInt32(clamping: yOffset)
        variable.xoffset = 0
        guard clinux_fbiopan_display(fd, &variable) == 0 else {
            throw DisplayError(device: path, problem: failed("ioctl(FBIOPAN_DISPLAY)"), check: "the driver supports panning")
        }
    }

    public func close() {
        munmap(memory, info.memoryLength)
        closeDescriptor(fd)
    }
}
