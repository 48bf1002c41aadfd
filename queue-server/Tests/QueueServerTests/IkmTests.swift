@testable import QueueServer
import Testing

/// The IKM of PermenPAN-RB 14/2017 (``Ikm``) on worked examples, on every band edge, and the
/// Krejcie–Morgan minimum sample (``KrejcieMorgan``).
@Suite("IKM and minimum sample")
struct IkmTests {
    /// `respondents` complete answers whose nine answers sum to `total` over everyone: all 1s, then
    /// answers raised to 4 one at a time until the total is reached.
    static func tally(respondents: Int, total: Int) -> Ikm.Tally {
        var answers = [[Int]](repeating: [Int](repeating: 1, count: 9), count: respondents)
        var missing = total - 9 * respondents
        for person in answers.indices {
            for element in 0..<9 where missing > 0 {
                let raise = min(3, missing)
                answers[person][element] += raise
                missing -= raise
            }
        }
        precondition(missing == 0, "a total of \(total) does not fit \(respondents) respondents")
        var tally = Ikm.Tally()
        for person in answers {
            let added = tally.add(person)
            #expect(added)
        }
        return tally
    }

    /// Worked example 1 (also in docs/survey.md): four respondents.
    ///
    ///     R1  4 4 4 4 4 4 4 4 4   (36)
    ///     R2  3 3 3 3 3 3 3 3 3   (27)
    ///     R3  4 3 4 3 4 3 4 3 4   (32)
    ///     R4  2 3 3 4 3 3 4 3 3   (28)
    ///     sums 13 13 14 14 14 13 15 13 14 = 123
    ///
    /// Means 3.25 3.25 3.50 3.50 3.50 3.25 3.75 3.25 3.50; IKM = 25 × 123 / 36 = 85.4166… → 85.42, B (Baik).
    /// U1's mean × 25 = 81.25 (B), U7's = 93.75 (A).
    @Test func fourRespondentsWorkedExample() throws {
        var tally = Ikm.Tally()
        for answers in [
            [4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3, 3, 3, 3], [4, 3, 4, 3, 4, 3, 4, 3, 4], [2, 3, 3, 4, 3, 3, 4, 3, 3],
        ] {
            let added = tally.add(answers)
            #expect(added)
        }
        let result = try #require(Ikm.compute(tally))
        #expect(result.respondents == 4)
        #expect(result.elements.map(\.mean.description) == ["3.25", "3.25", "3.50", "3.50", "3.50", "3.25", "3.75", "3.25", "3.50"])
        #expect(result.converted.description == "85.42")
        #expect(result.grade == .b)
        #expect(result.elements[0].converted.description == "81.25" && result.elements[0].grade == .b)
        #expect(result.elements[6].converted.description == "93.75" && result.elements[6].grade == .a)
        #expect(result.elements.map(\.element.code) == (1...9).map { "U\($0)" })
    }

    /// Worked example 2: three respondents answering 1 everywhere, and one answering 4 everywhere in
    /// U9 only (the rest 1): sums 3 … 3 and 6; IKM = 25 × 30 / 27 = 27.777… → 27.78, D (Tidak Baik);
    /// U9's mean 2.00 × 25 = 50.00 (D).
    @Test func lowWorkedExample() throws {
        var tally = Ikm.Tally()
        tally.add([1, 1, 1, 1, 1, 1, 1, 1, 1])
        tally.add([1, 1, 1, 1, 1, 1, 1, 1, 1])
        tally.add([1, 1, 1, 1, 1, 1, 1, 1, 4])
        let result = try #require(Ikm.compute(tally))
        #expect(result.converted.description == "27.78")
        #expect(result.grade == .d)
        #expect(result.elements[8].mean.description == "2.00" && result.elements[8].converted.description == "50.00")
        #expect(result.elements[0].converted.description == "25.00")
    }

    /// 2,500 respondents whose answers total 9 × h land exactly on h hundredths (25 × 9h / (9 × 2,500) = h / 100):
    /// every edge of every band, inclusive as the regulation writes it.
    @Test(arguments: [
        (10_000, Ikm.Grade.a), (8_831, .a), (8_830, .b), (7_661, .b), (7_660, .c), (6_500, .c), (6_499, .d), (2_500, .d),
    ])
    func exactBandEdges(hundredths: Int, grade: Ikm.Grade) throws {
        let result = try #require(Ikm.compute(Self.tally(respondents: 2_500, total: 9 * hundredths)))
        #expect(result.converted.value == Int64(hundredths))
        #expect(result.grade == grade)
    }

    /// The case the issue names: exactly 88.31 is A, not B (a `> 88.31` test puts it in B), and 88.30 is B.
    @Test func exactly88_31IsA() throws {
        let result = try #require(Ikm.compute(Self.tally(respondents: 2_500, total: 79_479)))
        #expect(result.converted.description == "88.31")
        #expect(result.grade == .a)
        #expect(Ikm.Grade(converted: .init(value: 8_831)) == .a)
        #expect(Ikm.Grade(converted: .init(value: 8_830)) == .b)
    }

    /// Values between two 2-decimal edges are rounded half up before the grade is read: 88.305 → 88.31 (A),
    /// 88.3044… → 88.30 (B), 64.995 → 65.00 (C), 76.605 → 76.61 (B). With 5,000 respondents a total S gives
    /// 2,500 S / 45,000 hundredths.
    @Test(arguments: [
        (158_949, "88.31", Ikm.Grade.a), (158_948, "88.30", .b), (116_991, "65.00", .c), (116_990, "64.99", .d),
        (137_889, "76.61", .b), (137_888, "76.60", .c),
    ])
    func halfwayValuesRoundHalfUp(total: Int, shown: String, grade: Ikm.Grade) throws {
        let result = try #require(Ikm.compute(Self.tally(respondents: 5_000, total: total)))
        #expect(result.converted.description == shown)
        #expect(result.grade == grade)
    }

    /// A period nobody answered has no index (not 0, not D).
    @Test func emptyPeriodHasNoIndex() {
        #expect(Ikm.compute(Ikm.Tally()) == nil)
        #expect(Ikm.compute(Ikm.Tally(respondents: 0, sums: Array(repeating: 0, count: 9))!) == nil)
    }

    /// Answers off the 4-point scale (a 1–5 scale, 0) or fewer than nine are refused and change nothing;
    /// sums that 1–4 answers of that many respondents cannot make are refused from storage.
    @Test func offScaleAnswersAreRefused() {
        var tally = Ikm.Tally()
        for answers in [[5, 4, 4, 4, 4, 4, 4, 4, 4], [0, 4, 4, 4, 4, 4, 4, 4, 4], [4, 4, 4, 4, 4, 4, 4, 4]] {
            let added = tally.add(answers)
            #expect(!added)
        }
        #expect(tally == Ikm.Tally())
        #expect(Ikm.Tally(respondents: 2, sums: [9, 2, 2, 2, 2, 2, 2, 2, 2]) == nil)
        #expect(Ikm.Tally(respondents: 2, sums: [1, 2, 2, 2, 2, 2, 2, 2, 2]) == nil)
        #expect(Ikm.Tally(respondents: -1, sums: Array(repeating: 0, count: 9)) == nil)
        #expect(Ikm.Tally(respondents: Int64.max, sums: Array(repeating: Int64.max, count: 9)) == nil)
        let largest = Ikm.Tally.maxRespondents
        let full = Ikm.Tally(respondents: largest, sums: Array(repeating: largest * 4, count: 9))
        #expect(full.flatMap(Ikm.compute)?.converted.description == "100.00")
    }

    /// The table as printed, a population between rows takes the next row, and the ends.
    @Test func krejcieMorganTable() {
        #expect(KrejcieMorgan.minimumSample(population: 0) == 0)
        #expect(KrejcieMorgan.minimumSample(population: 7) == 7)
        #expect(KrejcieMorgan.minimumSample(population: 10) == 10)
        #expect(KrejcieMorgan.minimumSample(population: 100) == 80)
        #expect(KrejcieMorgan.minimumSample(population: 101) == 86)
        #expect(KrejcieMorgan.minimumSample(population: 1_000) == 278)
        #expect(KrejcieMorgan.minimumSample(population: 3_001) == 346)
        #expect(KrejcieMorgan.minimumSample(population: 1_000_000) == 384)
        #expect(KrejcieMorgan.minimumSample(population: Int64.max) == 384)
        #expect(KrejcieMorgan.minimumSample(population: -5) == 0)
    }

    /// Every row agrees with the formula the table was made from (χ² = 3.841, P = 0.5, d = 0.05) to within
    /// rounding, and both columns only grow: a mistyped row fails here.
    @Test func krejcieMorganRowsFollowTheFormula() {
        for (population, sample) in KrejcieMorgan.table {
            let n = Double(population)
            let formula = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25)
            #expect(abs(formula - Double(sample)) < 0.6, "N \(population): table \(sample), formula \(formula)")
        }
        for (earlier, later) in zip(KrejcieMorgan.table, KrejcieMorgan.table.dropFirst()) {
            #expect(earlier.population < later.population && earlier.sample <= later.sample)
        }
    }
}
