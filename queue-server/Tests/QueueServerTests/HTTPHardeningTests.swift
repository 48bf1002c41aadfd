import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12's smaller defects: 413, timeouts, CSP, the bearer scheme, reads behind the writer, savepoints.
@Suite("HTTP hardening and storage isolation")
struct HTTPHardeningTests {
    func issue(_ server: TestServer) throws -> QueueTicket {
        try server.client().issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
    }

    @Test(arguments: StoreKind.allCases) func aBodyOverTheLimitGets413(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let body = Array("{\"tickets\":[\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 300_000) + Array("\"]}".utf8)
        let reply = try server.transport().send(HTTPRequest(
            method: "POST", path: QueueAPI.sync,
            headers: ["Authorization": "Bearer " + server.kioskToken, "Content-Type": "application/json"], body: body))
        #expect(reply.status == 413)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func theBearerSchemeIsCaseInsensitive(store: StoreKind) throws {
        let server = try TestServer(store: store)
        for scheme in ["bearer", "BEARER", "Bearer"] {
            let reply = try server.transport().send(HTTPRequest(method: "GET", path: QueueAPI.catalogue, headers: ["Authorization": scheme + " " + server.kioskToken]))
            #expect(reply.status == 200, "\(scheme)")
        }
        let wrong = try server.transport().send(HTTPRequest(method: "GET", path: QueueAPI.catalogue, headers: ["Authorization": "Basic " + server.kioskToken]))
        #expect(wrong.status == 401)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func theCitizenPageForbidsScriptsAndFrames(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let ticket = try issue(server)
        let reply = try server.transport().send(HTTPRequest(method: "GET", path: ticket.statusPath))
        #expect(reply.status == 200)
        let policy = reply.headers["content-security-policy"] ?? ""
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("script-src"))
        #expect(reply.headers["x-content-type-options"] == "nosniff")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func halfSentRequestsAreClosedAndTheServerKeepsServing(store: StoreKind) throws {
        let server = try TestServer(store: store, extraArguments: ["--idle-timeout-seconds", "1"])
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        // Heads that never end, and a head whose body never comes.
        for index in 0..<500 {
            let socket = try Self.connect(port: server.port)
            sockets.append(socket)
            let text = index % 10 == 0
                ? "POST \(QueueAPI.sync) HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"tickets\":["
                : "POST \(QueueAPI.tickets) HTTP/1.1\r\nHost: x\r\nAuthori"
            _ = text.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        }
        // Every connection must be closed by the server (read returns 0 or an error) within 20 s.
        let deadline = Date().addingTimeInterval(20)
        var open = Set(sockets)
        while !open.isEmpty && Date() < deadline {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), 500) > 0 else { continue }
            for entry in fds where entry.revents != 0 {
                var byte: UInt8 = 0
                if recv(entry.fd, &byte, 1, Int32(MSG_DONTWAIT)) <= 0 { open.remove(entry.fd) }
            }
        }
        #expect(open.isEmpty, "\(open.count) of 500 half-sent requests still open after 20 s")
        #expect(try issue(server).number == "DA-001")
        server.expectContractKept()
    }

    @Test func readsDoNotWaitForTheWriter() throws {
        let server = try TestServer()
        let ticket = try issue(server)
        // Another process holds the write lock: the server's writer waits; its readers must not.
        let other = try SQLiteDatabase(path: server.database)
        try other.execute("BEGIN IMMEDIATE")
        defer { try? other.execute("ROLLBACK") }
        try expectReadsAnswerWithinTwoSeconds(server, ticket)
    }

    @Test func aFailingJobInAnSQLiteGroupCommitRollsBackAlone() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA journal_mode=WAL; CREATE TABLE t (name TEXT PRIMARY KEY)")
        let writer = GroupCommitWriter(database: database)
        struct Refused: Error {}
        // Many jobs at once, so some share a transaction with a failing one.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    do {
                        try await writer.perform { database in
                            try database.query("INSERT INTO t (name) VALUES (?)", [.text("job\(index)")])
                            if index % 2 == 1 { throw Refused() }
                        }
                    } catch is Refused {}
                }
            }
            try await group.waitForAll()
        }
        let reader = try SQLiteDatabase(path: path, readOnly: true)
        let names = try reader.query("SELECT name FROM t ORDER BY name").map { row in
            if case .text(let name) = row[0] { return name }
            return ""
        }
        #expect(Set(names) == Set((0..<200).filter { $0 % 2 == 0 }.map { "job\($0)" }))
    }

    @Test func readsDoNotWaitForThePostgresWriter() throws {
        let server = try TestServer(store: .postgres)
        let ticket = try issue(server)
        // Another session holds tickets against every write: the server's writer waits; its readers must not.
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: PostgresCluster.binaries + "/psql")
        holder.arguments = ["-h", cluster.directory, "-U", "queue", "-d", name, "-q"]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        input.fileHandleForWriting.write(Data("BEGIN; LOCK TABLE tickets, heartbeats IN EXCLUSIVE MODE;\n".utf8))
        let held = "SELECT count(*) FROM pg_locks WHERE relation = 'tickets'::regclass AND mode = 'ExclusiveLock' AND granted"
        let deadline = Date().addingTimeInterval(30)
        while try cluster.psql(name, held) != "1", Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try cluster.psql(name, held) == "1")
        try expectReadsAnswerWithinTwoSeconds(server, ticket)
    }

    /// The PostgreSQL writer runs a batch without savepoints first; a failing job sends the batch
    /// back through savepoints, so it still rolls back alone.
    @Test func aFailingJobInAPostgresGroupCommitRollsBackAlone() async throws {
        let url = try PostgresCluster.shared.get().newDatabase()
        let store = try await PostgresQueueStore(
            url: url, catalogue: nil, alwaysOpen: true, priorityEvery: 3, surveyKey: SurveyKey(bytes: TokenMaker.randomBytes(SurveyKey.length)))
        try await store.read { try await $0.execute("CREATE TABLE t (name TEXT PRIMARY KEY)") }
        struct Refused: Error {}
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    do {
                        try await store.writer.perform { session in
                            try await session.execute("INSERT INTO t (name) VALUES ('job\(index)')")
                            if index % 2 == 1 { throw Refused() }
                        }
                    } catch is Refused {}
                }
            }
            try await group.waitForAll()
        }
        let names = try await store.read { try await $0.rows("SELECT name FROM t").map { try $0.text(0) } }
        #expect(Set(names) == Set((0..<200).filter { $0 % 2 == 0 }.map { "job\($0)" }))
    }

    /// A ticket lookup, the kiosk list and the citizen page answer within 2 s (while a writer waits).
    func expectReadsAnswerWithinTwoSeconds(_ server: TestServer, _ ticket: QueueTicket, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let quick = try server.client(timeoutMilliseconds: 2_000)
        #expect(try quick.ticket(ticket.ticketId).number == ticket.number, sourceLocation: sourceLocation)
        #expect(try server.client(token: server.staffToken, timeoutMilliseconds: 2_000).kiosks().kiosks.isEmpty, sourceLocation: sourceLocation)
        let page = try server.transport().send(HTTPRequest(method: "GET", path: ticket.statusPath, deadlineMilliseconds: 2_000))
        #expect(page.status == 200, sourceLocation: sourceLocation)
        server.expectContractKept(sourceLocation: sourceLocation)
    }

    /// A blocking TCP connection to 127.0.0.1:`port`.
    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CheckerError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw CheckerError("connect: errno \(errno)")
        }
        return socket
    }
}
