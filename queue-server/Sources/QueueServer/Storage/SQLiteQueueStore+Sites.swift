import KioskSQLite

/// The city view: each site's counts for today.
extension SQLiteQueueStore {
    func siteSummaries(site: String?, now: Int64) async throws -> SiteSummaries {
        let today = clock.day(of: now).description
        let (rows, issued) = try readers.read { database in
            let rows = try database.query(
                """
                SELECT s.site_id, s.name,
                    (SELECT count(*) FROM tickets t WHERE t.site_id = s.site_id AND t.day = ?2 AND t.state != 'voided'),
                    (SELECT count(*) FROM tickets t WHERE t.site_id = s.site_id AND t.day = ?2 AND t.state = 'waiting'),
                    (SELECT count(*) FROM kiosks k WHERE k.site_id = s.site_id),
                    (SELECT count(*) FROM kiosks k JOIN heartbeats h USING (kiosk_id) WHERE k.site_id = s.site_id AND h.received_at < ?3)
                FROM sites s WHERE ?1 IS NULL OR s.site_id = ?1 ORDER BY s.site_id
                """, [.optional(site), .text(today), .integer(now - KioskHealth.silenceLimitMs)])
            // Live tickets per site and service today, for the services past their quota.
            let issued = try database.query(
                """
                SELECT site_id, service_id, count(*) FROM tickets WHERE day = ?2 AND state != 'voided' AND (?1 IS NULL OR site_id = ?1)
                GROUP BY site_id, service_id
                """, [.optional(site), .text(today)])
            return (rows, try SiteSummaries.issuedBySite(issued))
        }
        return SiteSummaries(day: today, sites: try rows.map { row in
            let siteID = try row.text(0)
            return SiteSummary(
                siteId: siteID, name: try row.text(1), ticketsToday: try row.int(2), waiting: try row.int(3),
                kiosks: try row.int(4), kiosksOffline: try row.int(5),
                servicesOverQuota: QuotaRules.overQuota(issued: issued[siteID] ?? [:], catalogue: try catalogues.of(siteID).rules.catalogue))
        })
    }
}
