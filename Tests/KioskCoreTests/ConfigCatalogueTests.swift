import KioskCore
import Testing

@Suite("Catalogue configuration")
struct ConfigCatalogueTests {
    typealias F = ConfigFixtures

    private func catalogueError(replacing number: Int, with line: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> ConfigError
    {
        try F.catalogueError(F.text(F.catalogueLines, replacing: number, with: line), sourceLocation: sourceLocation)
    }

    @Test func agenciesAndServicesKeepFileOrderAndInheritHours() throws {
        let catalogue = try ConfigParser.catalogue(text: F.text(F.catalogueLines), path: F.cataloguePath)
        #expect(!catalogue.isSample)
        #expect(catalogue.agencies.map(\.id) == [AgencyID("disdukcapil"), AgencyID("imigrasi")])
        #expect(catalogue.agencies[0].services.map(\.id) == [ServiceID("ktp-el"), ServiceID("akta-lahir")])
        let ktp = try #require(catalogue.service(ServiceID("ktp-el")))
        #expect(ktp.name == LocalizedText(indonesian: "KTP-el", english: "ID card"))
        #expect(ktp.agencyID == AgencyID("disdukcapil"))
        #expect(ktp.prefix == "A")
        #expect(ktp.numberWidth == 3)
        #expect(ktp.dailyQuota == 150)
        let weekdays = OpeningHours([
            .monday: [TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 15, minute: 0))],
            .friday: [
                TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 11, minute: 30)),
                TimeRange(start: TimeOfDay(hour: 13, minute: 0), end: TimeOfDay(hour: 15, minute: 0)),
            ],
        ])
        #expect(ktp.hours == weekdays)
        #expect(catalogue.service(ServiceID("akta-lahir"))?.dailyQuota == nil)
        let passport = try #require(catalogue.service(ServiceID("paspor")))
        #expect(passport.hours.isOpen(on: .tuesday, at: TimeOfDay(hour: 9, minute: 30)))
        #expect(!passport.hours.isOpen(on: .monday, at: TimeOfDay(hour: 9, minute: 30)))
    }

    @Test func agencyHoursApplyToItsServicesUnlessTheServiceHasItsOwn() throws {
        let line = #"    {"id": "imigrasi", "name": {"id": "Imigrasi", "en": "Immigration"}, "hours": {"sat": ["08:00-12:00"]}}"#
        var lines = F.catalogueLines
        lines[4] = line
        lines[9] = #"    {"id": "paspor", "agency": "imigrasi", "name": {"id": "Paspor", "en": "Passport"}, "prefix": "P"}"#
        let catalogue = try ConfigParser.catalogue(text: F.text(lines), path: F.cataloguePath)
        let passport = try #require(catalogue.service(ServiceID("paspor")))
        #expect(passport.hours.isOpen(on: .saturday, at: TimeOfDay(hour: 11, minute: 59)))
        #expect(!passport.hours.isOpen(on: .monday, at: TimeOfDay(hour: 9, minute: 0)))
    }

    @Test func shippedSampleCatalogueHas31AgenciesAnd152Services() throws {
        let file = try F.shippedFile("kiosk-config/catalogue-badung-sample.json")
        let catalogue = try ConfigParser.catalogue(text: file.text, path: file.path)
        #expect(catalogue.isSample)
        #expect(catalogue.agencies.count == 31)
        #expect(catalogue.allServices.count == 152)
        #expect(catalogue.agencies.first?.id == AgencyID("disdukcapil"))
        #expect(Set(catalogue.allServices.map(\.prefix)).count == 152)
        let ktp = try #require(catalogue.service(ServiceID("ktp-el")))
        #expect(ktp.hours.isOpen(on: .monday, at: TimeOfDay(hour: 8, minute: 0)))
        #expect(!ktp.hours.isOpen(on: .friday, at: TimeOfDay(hour: 12, minute: 0)))
        #expect(!ktp.hours.isOpen(on: .sunday, at: TimeOfDay(hour: 10, minute: 0)))
    }

    @Test func theSampleGivesShortNamesCategoriesAndCounters() throws {
        let file = try F.shippedFile("kiosk-config/catalogue-badung-sample.json")
        let catalogue = try ConfigParser.catalogue(text: file.text, path: file.path)
        // Every agency has a short name of its own, except where the official one is already short (Dinas Kesehatan).
        #expect(catalogue.agencies.filter { $0.shortName == $0.name }.map(\.id) == [AgencyID("dinkes")])
        #expect(catalogue.agencies.allSatisfy { $0.shortName.indonesian.count <= 28 && $0.shortName.english.count <= 28 })
        #expect(catalogue.categories.count == 6)
        #expect(Set(catalogue.categories.flatMap(\.agencies)) == Set(catalogue.agencies.map(\.id)))
        #expect(catalogue.service(ServiceID("ktp-el"))?.counter?.indonesian == "Loket 1–8, lantai 1")
    }

    @Test func shortNamesCategoriesAndCountersAreOptional() throws {
        let catalogue = try ConfigParser.catalogue(text: F.text(F.catalogueLines), path: F.cataloguePath)
        #expect(catalogue.categories.isEmpty)
        #expect(catalogue.agencies[0].shortName == catalogue.agencies[0].name)
        #expect(catalogue.service(ServiceID("ktp-el"))?.counter == nil)
    }

    @Test func everyAgencyIsInACategoryAndEveryCategoryNamesKnownAgencies() throws {
        func withCategories(_ json: String) -> String {
            F.text(F.catalogueLines, replacing: 2, with: #"  "categories": "# + json + ",\n" + F.catalogueLines[1])
        }
        let typo = try F.catalogueError(
            withCategories(#"[{"name": {"id": "A", "en": "A"}, "agencies": ["disdukcapli", "imigrasi"]}]"#))
        #expect(typo.jsonPath == "$.categories[0].agencies[0]")
        #expect(typo.fix.contains("disdukcapil"))
        let missing = try F.catalogueError(withCategories(#"[{"name": {"id": "A", "en": "A"}, "agencies": ["disdukcapil"]}]"#))
        #expect(missing.problem.contains("\"imigrasi\" is in no category"))
        let empty = try F.catalogueError(withCategories(#"[{"name": {"id": "A", "en": "A"}, "agencies": []}]"#))
        #expect(empty.problem.contains("has no agencies"))
        let good = try ConfigParser.catalogue(
            text: withCategories(#"[{"name": {"id": "A", "en": "A"}, "agencies": ["imigrasi", "disdukcapil"]}]"#),
            path: F.cataloguePath)
        #expect(good.agencies(inCategory: 0).map(\.id) == [AgencyID("disdukcapil"), AgencyID("imigrasi")], "catalogue order")
    }

    @Test func missingFieldPointsAtTheServiceObject() throws {
        let line = #"    {"id": "akta-lahir", "agency": "disdukcapil", "name": {"id": "Akta Kelahiran", "en": "Birth certificate"}},"#
        let error = try catalogueError(replacing: 9, with: line)
        #expect(
            error == ConfigError(
                file: F.cataloguePath, line: 9, column: 5, jsonPath: "$.services[1].prefix",
                problem: #"missing required field "prefix""#, fix: #"Add "prefix": "A" to this object."#))
    }

    @Test func wrongTypeNamesWhatWasFound() throws {
        let line = #"    {"id": "akta-lahir", "agency": "disdukcapil", "name": "Akta Kelahiran", "prefix": "B"},"#
        let error = try catalogueError(replacing: 9, with: line)
        #expect((error.line, error.column) == (9, F.column(of: #""Akta Kelahiran""#, in: line)))
        #expect(error.jsonPath == "$.services[1].name")
        #expect(error.problem == #"expected an object, found a string ("Akta Kelahiran")"#)
        #expect(error.fix.contains("{"))
    }

    @Test func duplicateServiceIDNamesTheFirstOne() throws {
        let line = #"    {"id": "ktp-el", "agency": "disdukcapil", "name": {"id": "Akta Kelahiran", "en": "Birth certificate"}, "prefix": "B"},"#
        let error = try catalogueError(replacing: 9, with: line)
        #expect((error.line, error.column, error.jsonPath) == (9, 12, "$.services[1].id"))
        #expect(error.problem == #"service id "ktp-el" is used twice (first at line 8)"#)
        #expect(error.fix == "Give each service its own id.")
    }

    @Test func duplicatePrefixNamesBothServices() throws {
        let line = #"    {"id": "akta-lahir", "agency": "disdukcapil", "name": {"id": "Akta Kelahiran", "en": "Birth certificate"}, "prefix": "A"},"#
        let error = try catalogueError(replacing: 9, with: line)
        #expect((error.line, error.column) == (9, F.column(of: #""A""#, in: line)))
        #expect(error.jsonPath == "$.services[1].prefix")
        #expect(error.problem == #"prefix "A" of service "akta-lahir" is already used by service "ktp-el" (line 8)"#)
        #expect(error.fix.contains("own prefix"))
    }

    @Test func unknownAgencyReferenceSuggestsACloseID() throws {
        let line = #"    {"id": "paspor", "agency": "imigrasii", "name": {"id": "Paspor", "en": "Passport"}, "prefix": "P"}"#
        let error = try catalogueError(replacing: 10, with: line)
        #expect((error.line, error.column) == (10, F.column(of: #""imigrasii""#, in: line)))
        #expect(error.jsonPath == "$.services[2].agency")
        #expect(error.problem == #"service "paspor" names agency "imigrasii", which is not in "agencies""#)
        #expect(error.fix.hasPrefix(#"Did you mean "imigrasi"?"#))
    }

    @Test func agencyWithoutServicesIsReported() throws {
        let line = #"    {"id": "paspor", "agency": "disdukcapil", "name": {"id": "Paspor", "en": "Passport"}, "prefix": "P"}"#
        let error = try catalogueError(replacing: 10, with: line)
        #expect((error.line, error.column, error.jsonPath) == (5, 12, "$.agencies[1].id"))
        #expect(error.problem == #"agency "imigrasi" has no services"#)
        #expect(error.fix.contains(#""agency": "imigrasi""#))
    }

    @Test func emptyCatalogueIsReported() throws {
        let noAgencies = try F.catalogueError(#"{"agencies": [], "services": []}"#)
        #expect((noAgencies.line, noAgencies.column, noAgencies.jsonPath) == (1, 14, "$.agencies"))
        #expect(noAgencies.problem == "the catalogue has no agencies")
        #expect(noAgencies.fix == "List at least one agency and one service.")

        var lines = F.catalogueLines
        lines.replaceSubrange(5...10, with: [#"  ], "services": []"#])
        let noServices = try F.catalogueError(F.text(lines))
        #expect((noServices.line, noServices.column, noServices.jsonPath) == (6, 18, "$.services"))
        #expect(noServices.problem == "the catalogue has no services")
    }

    @Test(arguments: [
        ("25:00-26:00", "", #""25:00" in "25:00-26:00" is not a time of day"#, "00 to 23"),
        ("15:00-08:00", "", #""15:00-08:00" ends before it starts"#, "opening time first"),
        ("08:00-08:00", "", #""08:00-08:00" is empty: it ends when it starts"#, "later"),
        ("08:75-09:00", "", #""08:75" in "08:75-09:00" has 75 minutes"#, "00 to 59"),
        ("24:00-24:00", "", #""24:00-24:00" starts at 24:00"#, "may only end"),
        ("8:00-15:00", "", #""8:00-15:00" is not a time range"#, "HH:MM-HH:MM"),
        ("08:00-12:00", "11:00-15:00", #""11:00-15:00" overlaps "08:00-12:00" on mon"#, "Merge"),
    ])
    func impossibleOpeningHoursAreReported(first: String, second: String, problem: String, fixMentions: String) throws {
        let ranges = second.isEmpty ? "[\"\(first)\"]" : "[\"\(first)\", \"\(second)\"]"
        let line = #"  "defaultHours": {"mon": \#(ranges)},"#
        let error = try catalogueError(replacing: 2, with: line)
        let failing = second.isEmpty ? first : second
        #expect((error.line, error.column) == (2, F.column(of: "\"\(failing)\"", in: line)))
        #expect(error.jsonPath == (second.isEmpty ? "$.defaultHours.mon[0]" : "$.defaultHours.mon[1]"))
        #expect(error.problem == problem)
        #expect(error.fix.contains(fixMentions))
    }

    @Test func unknownWeekdaySuggestsTheShortKey() throws {
        let line = #"  "defaultHours": {"monday": ["08:00-15:00"]},"#
        let error = try catalogueError(replacing: 2, with: line)
        #expect((error.line, error.column, error.jsonPath) == (2, 20, "$.defaultHours.monday"))
        #expect(error.problem == #"unknown weekday "monday""#)
        #expect(error.fix.hasPrefix(#"Did you mean "mon"?"#))
    }

    @Test func adjacentRangesAndMidnightEndAreAllowed() throws {
        let line = #"  "defaultHours": {"sat": ["13:00-24:00", "08:00-13:00"]},"#
        let catalogue = try ConfigParser.catalogue(text: F.text(F.catalogueLines, replacing: 2, with: line), path: F.cataloguePath)
        let hours = try #require(catalogue.service(ServiceID("ktp-el"))).hours
        #expect(hours.isOpen(on: .saturday, at: TimeOfDay(hour: 23, minute: 59)))
        #expect(hours.isOpen(on: .saturday, at: TimeOfDay(hour: 8, minute: 0)))
        #expect(hours.ranges[.saturday]?.first?.start == TimeOfDay(hour: 8, minute: 0))
    }

    @Test func serviceWithoutAnyHoursIsReported() throws {
        let error = try catalogueError(replacing: 2, with: "")
        #expect((error.line, error.column, error.jsonPath) == (8, 5, "$.services[0]"))
        #expect(error.problem == #"service "ktp-el" has no opening hours"#)
        #expect(error.fix.contains("defaultHours"))
    }

    @Test(arguments: [
        (#""prefix": "a1""#, "$.services[0].prefix", "capital letters"),
        (#""prefix": "ABCD""#, "$.services[0].prefix", "capital letters"),
        (#""prefix": "A", "numberWidth": 7"#, "$.services[0].numberWidth", "from 1 to 6"),
        (#""prefix": "A", "dailyQuota": 0"#, "$.services[0].dailyQuota", "from 1 to"),
        (#""prefix": "A", "numberWidth": 2, "dailyQuota": 150"#, "$.services[0].dailyQuota", "numberWidth"),
        (#""prefix": "A", "prefx": "B""#, "$.services[0].prefx", #"Did you mean "prefix"?"#),
    ])
    func invalidServiceSettingsAreReported(settings: String, path: String, fixMentions: String) throws {
        let line = #"    {"id": "ktp-el", "agency": "disdukcapil", "name": {"id": "KTP-el", "en": "ID card"}, \#(settings)},"#
        let error = try catalogueError(replacing: 8, with: line)
        #expect(error.line == 8)
        #expect(error.jsonPath == path)
        #expect(error.fix.contains(fixMentions) || error.problem.contains(fixMentions))
    }

    @Test(arguments: ["KTP-el", "-ktp", "ktp_el", ""])
    func invalidServiceIDsAreReported(id: String) throws {
        let line = #"    {"id": "\#(id)", "agency": "disdukcapil", "name": {"id": "KTP-el", "en": "ID card"}, "prefix": "A"},"#
        let error = try catalogueError(replacing: 8, with: line)
        #expect((error.line, error.column, error.jsonPath) == (8, 12, "$.services[0].id"))
        #expect(error.fix.contains("ktp-el"))
    }
}
