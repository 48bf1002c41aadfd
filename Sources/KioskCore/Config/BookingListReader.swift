/// Reads a local bookings file (the stand-in for the queue server's booking directory):
///
/// ```json
/// {"bookings": [{"code": "BK-7QH2M-9XKD4-P", "service": "ktp-el", "day": "2026-12-01", "window": "09:00-10:00",
///                "priority": "elderly"}]}
/// ```
///
/// `priority` is optional: `elderly`, `disability`, `pregnant` or `nursing`.
enum BookingListReader {
    static func read(_ root: ConfigNode, catalogue: Catalogue) throws(ConfigError) -> [Booking] {
        let top = try root.object().allowingOnly(["bookings"])
        var bookings: [Booking] = []
        for node in try top.required("bookings", example: "[{\"code\": \"BK-…\", …}]").elements() {
            let object = try node.object().allowingOnly(["code", "service", "day", "window", "priority"])
            let codeNode = try object.required("code", example: "\"BK-7QH2M-9XKD4-P\"")
            guard let code = BookingCode(try codeNode.string()) else {
                throw codeNode.error(
                    "\(codeNode.shown) is not a booking code", fix: "Write it as BK-XXXXX-XXXXX-C, check symbol included.")
            }
            if bookings.contains(where: { $0.code == code }) {
                throw codeNode.error("booking \(code) is listed twice", fix: "Keep one entry per booking code.")
            }
            let serviceNode = try object.required("service", example: "\"ktp-el\"")
            let service = ServiceID(try serviceNode.string())
            guard catalogue.service(service) != nil else {
                throw serviceNode.error("service \"\(service)\" is not in the catalogue", fix: "Use a service id from the catalogue.")
            }
            let dayNode = try object.required("day", example: "\"2026-12-01\"")
            let day = try dayNode.string()
            guard isDay(day) else { throw dayNode.error("\(dayNode.shown) is not a date", fix: "Write the day as YYYY-MM-DD.") }
            let windowNode = try object.required("window", example: "\"09:00-10:00\"")
            let window = try OpeningHoursReader.timeRange(try windowNode.string(), at: windowNode)
            let priority = try object.optional("priority")?.choice("booking priority", of: TicketPriority.self)
            bookings.append(Booking(code: code, serviceID: service, day: day, window: window, priority: priority))
        }
        return bookings
    }

    private static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
