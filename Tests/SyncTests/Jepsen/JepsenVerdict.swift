import Foundation
import KioskTestSupport

/// What the run left, judged against the paper: the printer emulators' received bytes are the ground
/// truth of what citizens hold; the server's tickets and the counter's calls must agree with them.
struct JepsenVerdict {
    /// One piece of paper: the number printed on it and the ticket id of its QR code, when the bytes got that far.
    struct Paper: Hashable {
        var kiosk: String
        var number: String?
        var ticketID: String?
    }

    /// A ticket as the server holds it.
    struct ServerTicket {
        var number: String
        var state: String
        var kiosk: String
        var service: String
        var day: String
    }

    /// A ticket a counter called.
    struct Call: Hashable {
        var ticketID: String
        var number: String
    }

    var lost: [String] = []
    var duplicated: [String] = []
    var unexpected: [String] = []
    var ghostCalls: [String] = []
    /// Calls for a ticket its kiosk reported uncertain (killed mid-print) whose number no paper carries:
    /// the server releases such a ticket for staff to confirm but does not mark it yet (issue 11, not done).
    var uncertainCalls: [String] = []

    /// Judges `papers` against the server's `tickets` (id → ticket) and the counter's `calls`; `uncertain`
    /// holds the ids kioskd reported uncertain (a kill mid-print: a citizen may or may not hold paper).
    init(papers: [Paper], tickets: [String: ServerTicket], calls: [Call], uncertain: Set<String>) {
        let live = tickets.filter { $0.value.state != "voided" }
        var paperByID: [String: String] = [:]
        var numbersWithoutID: [String: Set<String>] = [:]  // kiosk → numbers on paper whose QR did not come out
        for paper in papers {
            guard let number = paper.number else { continue }
            if let id = paper.ticketID {
                paperByID[id] = number
            } else {
                numbersWithoutID[paper.kiosk, default: []].insert(number)
            }
        }
        // 0 lost: every number on paper is a live ticket on the server, under that number.
        for paper in papers {
            guard let number = paper.number else { continue }
            if let id = paper.ticketID {
                if live[id]?.number != number {
                    lost.append("\(paper.kiosk) printed \(number) (\(id)); the server holds \(tickets[id].map { "\($0.number) \($0.state)" } ?? "nothing")")
                }
            } else if !live.values.contains(where: { $0.kiosk == paper.kiosk && $0.number == number }) {
                lost.append("\(paper.kiosk) printed \(number) (QR not printed); the server holds no live ticket of that kiosk under it")
            }
        }
        // 0 duplicated: no number held by two live tickets of a service and day, nor printed for two tickets.
        for (key, group) in Dictionary(grouping: live.values, by: { "\($0.service) \($0.day) \($0.number)" }) where group.count > 1 {
            duplicated.append("server: \(key) held by \(group.count) live tickets")
        }
        let printed = paperByID.compactMap { id, number in tickets[id].map { "\($0.service) \($0.day) \(number)" }.map { ($0, id) } }
        for (key, group) in Dictionary(grouping: printed, by: \.0) where Set(group.map(\.1)).count > 1 {
            duplicated.append("paper: \(key) printed for \(group.map(\.1).sorted())")
        }
        // 0 unexpected: a live ticket no paper carries was at least reported uncertain by its kiosk.
        for (id, ticket) in live where paperByID[id] == nil && !uncertain.contains(id) {
            if numbersWithoutID[ticket.kiosk]?.contains(ticket.number) != true {
                unexpected.append("\(ticket.kiosk) \(ticket.number) (\(id)) \(ticket.state)")
            }
        }
        // 0 ghost calls: every call names a number on paper (this ticket's, or a QR-less paper of its kiosk);
        // calls for uncertain tickets are counted apart.
        for call in calls {
            let kiosk = tickets[call.ticketID]?.kiosk ?? ""
            let onPaper = paperByID[call.ticketID].map { $0 == call.number } ?? (numbersWithoutID[kiosk]?.contains(call.number) == true)
            if !onPaper, uncertain.contains(call.ticketID) {
                uncertainCalls.append("\(call.number) (\(call.ticketID))")
            } else if !onPaper {
                ghostCalls.append("\(call.number) (\(call.ticketID))")
            }
        }
    }

    /// The paper a receipt is: the line after "Nomor antrean Anda" is the number; the QR holds `…/t/ID` or the id.
    static func paper(_ receipt: PrintedReceipt, kiosk: String) -> Paper {
        let lines = receipt.lines.map { $0.text.trimmingCharacters(in: .whitespaces) }
        let number = lines.firstIndex { $0.contains("Nomor antrean Anda") }
            .flatMap { lines.indices.contains($0 + 1) ? lines[$0 + 1] : nil }
            .flatMap { $0.isEmpty ? nil : $0 }
        let id = receipt.qrPayloads.first.map { String($0.split(separator: "/").last ?? "").lowercased() }
        return Paper(kiosk: kiosk, number: number, ticketID: id)
    }
}

/// The fields of a kioskd ticket log line (`ticket id=… number=… printed=yes … tap_to_print_ms=…`).
struct TicketLine {
    var id: String
    var number: String
    var printed: String
    var offline: Bool
    var tapToPrintMilliseconds: Double?

    init?(_ line: String) {
        func field(_ key: String) -> String? { Self.field(key, in: line) }
        guard line.contains(" printed="), let id = field("id"), let number = field("number"), let printed = field("printed") else { return nil }
        self.id = id.lowercased()
        self.number = number
        self.printed = printed
        offline = field("offline") == "yes"
        tapToPrintMilliseconds = field("tap_to_print_ms").flatMap(Double.init)
    }

    /// The value of `key=value` in a log line.
    static func field(_ key: String, in line: String) -> String? {
        line.split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}
