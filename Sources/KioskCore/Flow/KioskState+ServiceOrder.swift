extension KioskState {
    /// `agency`'s services in the order its screen shows them: the catalogue's, or, where the operator
    /// enables ``FlowSettings/mostUsedServicesFirst``, the most tickets issued today first (ties, and
    /// services with none, keep the catalogue's order). The counts are a standalone kiosk's numbers of
    /// the day; a linked kiosk has none (the queue server numbers its tickets), so it keeps the catalogue's.
    public func services(of agency: Agency, now: Timestamp, settings: FlowSettings) -> [Service] {
        guard settings.mostUsedServicesFirst else { return agency.services }
        let counted = agency.services.enumerated().map {
            (index: $0.offset, service: $0.element, issued: issuedToday($0.element.id, now: now, zone: settings.timeZone))
        }
        return counted.sorted { ($1.issued, $0.index) < ($0.issued, $1.index) }.map(\.service)
    }
}
