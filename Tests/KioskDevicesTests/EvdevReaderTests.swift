#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskCore
import KioskDevices
import Testing
import KioskSystem

@Suite struct EvdevReaderTests {
    let scaler = AxisScaler(
        xRange: AxisRange(minimum: 0, maximum: 4095), yRange: AxisRange(minimum: 0, maximum: 4095),
        screen: ScreenSize(width: 1080, height: 1920))

    @Test func createsAFIFOAndReadsRecordsSplitMidRecord() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/touch.fifo"
            let reader = try EvdevReader(path: path, createFIFO: true)
            defer { reader.close() }
            var status = stat()
            #expect(stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
            #expect(try reader.readAvailable().isEmpty)

            let events = SyntheticTouch.tap(x: 100, y: 200, scaler: scaler, trackingID: 1)
            let bytes = InputEventCodec.encode(events)
            let writer = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            try #require(writer >= 0)
            defer { close(writer) }

            var received: [InputEvent] = []
            try InputTestFiles.writeAll(bytes[0..<30], to: writer)  // one record and a quarter
            let first = try reader.readAvailable()
            #expect(first.count == 1)
            received += first
            try InputTestFiles.writeAll(bytes[30..<130], to: writer)  // ends 10 bytes into the sixth record
            received += try reader.readAvailable()
            #expect(received.count == 5)
            try InputTestFiles.writeAll(bytes[130...], to: writer)
            received += try reader.readAvailable()
            #expect(received == events)
            #expect(!reader.isAtEnd)
            #expect(reader.axisInfo(InputCode.mtPositionX) == nil)  // only a device node can say
        }
    }

    @Test func fifoWriterClosingAndReopeningIsNoEndOfFile() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/touch.fifo"
            let reader = try EvdevReader(path: path, createFIFO: true)
            defer { reader.close() }

            let firstTap = SyntheticTouch.tap(x: 10, y: 20, scaler: scaler, trackingID: 1)
            let firstWriter = open(path, O_WRONLY | O_CLOEXEC)
            try #require(firstWriter >= 0)
            try InputTestFiles.writeAll(InputEventCodec.encode(firstTap), to: firstWriter)
            close(firstWriter)
            #expect(try reader.readAvailable() == firstTap)
            #expect(try reader.readAvailable().isEmpty)
            #expect(!reader.isAtEnd)

            let secondTap = SyntheticTouch.tap(x: 30, y: 40, scaler: scaler, trackingID: 2)
            let secondWriter = open(path, O_WRONLY | O_CLOEXEC)
            try #require(secondWriter >= 0)
            defer { close(secondWriter) }
            try InputTestFiles.writeAll(InputEventCodec.encode(secondTap), to: secondWriter)
            #expect(try reader.readAvailable() == secondTap)
        }
    }

    @Test func pollReportsTheDescriptorReadableWhenEventsArrive() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/touch.fifo"
            let reader = try EvdevReader(path: path, createFIFO: true)
            defer { reader.close() }
            var entry = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            #expect(poll(&entry, 1, 0) == 0)

            let writer = open(path, O_WRONLY | O_CLOEXEC)
            try #require(writer >= 0)
            defer { close(writer) }
            try InputTestFiles.writeAll(InputEventCodec.encode([.synReport]), to: writer)
            #expect(poll(&entry, 1, 1000) == 1)
            #expect(try reader.readAvailable() == [.synReport])
        }
    }

    @Test func regularFileIsReadToItsEnd() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/recording.bin"
            let events = (0..<300).flatMap { index in
                SyntheticTouch.tap(x: index, y: index, scaler: scaler, trackingID: Int32(index))
            }
            let file = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
            try #require(file >= 0)
            try InputTestFiles.writeAll(InputEventCodec.encode(events) + [1, 2, 3], to: file)  // a torn last record
            close(file)

            let reader = try EvdevReader(path: path, createFIFO: true)
            defer { reader.close() }
            #expect(!reader.isAtEnd)
            #expect(try reader.readAvailable() == events)
            #expect(reader.isAtEnd)
            #expect(try reader.readAvailable().isEmpty)
            #expect(reader.isAtEnd)
        }
    }

    @Test func missingPathWithoutCreateNamesTheCallPathAndErrno() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/no-such-device"
            let error = try #require(throws: SystemCallError.self) { try EvdevReader(path: path, createFIFO: false) }
            #expect(error.call == "open")
            #expect(error.errno == ENOENT)
            #expect(!error.isDeviceGone)
            #expect(error.description.contains(path))
            #expect(error.description.contains("no such file or directory"))
        }
    }

    @Test func readingAfterCloseThrows() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let reader = try EvdevReader(path: directory + "/touch.fifo", createFIFO: true)
            reader.close()
            reader.close()
            #expect(reader.fileDescriptor == -1)
            #expect(throws: SystemCallError.self) { try reader.readAvailable() }
        }
    }

    @Test func noDeviceErrnoMeansTheDeviceIsGone() {
        let error = SystemCallError(call: "read", subject: "/dev/input/event3", errno: ENODEV)
        #expect(error.isDeviceGone)
        #expect(!SystemCallError(call: "read", subject: "/dev/input/event3", errno: EIO).isDeviceGone)
        #expect(error.description == "read /dev/input/event3: no such device")
    }
}
