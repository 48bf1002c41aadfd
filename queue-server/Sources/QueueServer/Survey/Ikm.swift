/// The Indeks Kepuasan Masyarakat (IKM) exactly as PermenPAN-RB No. 14/2017 computes it.
///
/// - Each element's mean (nilai rata-rata, NRR) is the sum of its answers over the respondents.
/// - The index is Σ(mean × 1/9), converted to the 25–100 scale × 25: that is 25 × S / (9 × n) for
///   S the sum of every answer and n the respondents, computed as an exact fraction (no floating
///   point, no rounded means in between).
/// - **Rounding**: the regulation's conversion table is written on 2-decimal values, so the converted
///   value is rounded once, half up, to 2 decimals (88.305 → 88.31, 88.3049… → 88.30), and the grade is
///   read from that rounded value with the band edges inclusive as written: A 88.31–100.00,
///   B 76.61–88.30, C 65.00–76.60, D 25.00–64.99. On 2-decimal values the bands leave no gap.
/// - Element means are shown rounded half up to 2 decimals; an element's grade is read the same way
///   from its mean × 25.
enum Ikm {
    /// The regulation's grades (mutu pelayanan) with their lowest converted value in hundredths.
    enum Grade: String, Sendable, CaseIterable {
        case a = "A", b = "B", c = "C", d = "D"

        /// The grade of a converted value in hundredths (2,500 … 10,000).
        init(converted: Hundredths) {
            self =
                switch converted.value {
                case 8831...: .a
                case 7661...: .b
                case 6500...: .c
                default: .d
                }
        }

        /// Kinerja unit pelayanan, as the regulation names it.
        var indonesian: String {
            switch self {
            case .a: "Sangat Baik"
            case .b: "Baik"
            case .c: "Kurang Baik"
            case .d: "Tidak Baik"
            }
        }

        var english: String {
            switch self {
            case .a: "Very good"
            case .b: "Good"
            case .c: "Less than good"
            case .d: "Not good"
            }
        }
    }

    /// The answers of a group of respondents, summed per element.
    struct Tally: Sendable, Equatable {
        /// The most respondents a tally holds: every sum of 9 × 4 answers each then fits in an Int64.
        static let maxRespondents = Int64.max / 36
        /// How many respondents answered (each answered all nine elements).
        private(set) var respondents: Int64 = 0
        /// The sum of each element's answers, U1 first.
        private(set) var sums = [Int64](repeating: 0, count: SurveyElement.count)

        init() {}

        /// A tally read from storage; nil when the numbers cannot come from 1–4 answers of `respondents` people.
        init?(respondents: Int64, sums: [Int64]) {
            guard (0...Self.maxRespondents).contains(respondents), sums.count == SurveyElement.count,
                sums.allSatisfy({ (respondents...(respondents * 4)).contains($0) })
            else { return nil }
            self.respondents = respondents
            self.sums = sums
        }

        /// Adds one respondent's nine answers; false (and nothing added) unless there are nine, each 1–4.
        @discardableResult
        mutating func add(_ answers: [Int]) -> Bool {
            guard answers.count == SurveyElement.count, answers.allSatisfy(SurveyElement.scale.contains),
                respondents < Self.maxRespondents
            else { return false }
            respondents += 1
            for (index, answer) in answers.enumerated() { sums[index] += Int64(answer) }
            return true
        }

        /// Adds another group's answers (an agency's from its services'). A sum past ``maxRespondents``
        /// (beyond any database) leaves the tally as it was rather than trap.
        mutating func merge(_ other: Tally) {
            guard respondents <= Self.maxRespondents - other.respondents else { return }
            respondents += other.respondents
            for index in sums.indices { sums[index] += other.sums[index] }
        }
    }

    /// A value with two decimals, held exactly as hundredths.
    struct Hundredths: Sendable, Equatable, Comparable, CustomStringConvertible {
        let value: Int64

        static func < (left: Hundredths, right: Hundredths) -> Bool { left.value < right.value }

        /// "88.31".
        var description: String {
            let cents = value % 100
            return "\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
        }

        /// numerator / denominator rounded half up to hundredths (both non-negative, denominator positive).
        static func rounding(_ numerator: Int64, over denominator: Int64, times factor: Int64 = 100) -> Hundredths {
            let wide = factor.multipliedFullWidth(by: numerator)
            let (quotient, remainder) = denominator.dividingFullWidth(wide)
            return Hundredths(value: remainder >= denominator - remainder ? quotient + 1 : quotient)
        }
    }

    /// One element's result.
    struct ElementResult: Sendable, Equatable {
        let element: SurveyElement
        /// The mean answer (1.00–4.00).
        let mean: Hundredths
        /// The mean × 25 and its grade.
        let converted: Hundredths
        let grade: Grade
    }

    /// The index of a tally with at least one respondent.
    struct Result: Sendable, Equatable {
        let respondents: Int64
        let elements: [ElementResult]
        /// Σ(mean × 1/9) × 25, rounded half up to 2 decimals (25.00–100.00).
        let converted: Hundredths
        let grade: Grade
    }

    /// The index of `tally`; nil when nobody answered (an empty period has no index, not a zero one).
    static func compute(_ tally: Tally) -> Result? {
        let respondents = tally.respondents
        guard respondents > 0 else { return nil }
        let elements = SurveyElement.allCases.map { element in
            let sum = tally.sums[element.rawValue - 1]
            let converted = Hundredths.rounding(sum, over: respondents, times: 2500)
            return ElementResult(
                element: element, mean: Hundredths.rounding(sum, over: respondents), converted: converted, grade: Grade(converted: converted))
        }
        // n ≤ Int64.max / 36, so neither S ≤ 36 n nor 9 n overflows.
        let total = tally.sums.reduce(0, +)
        let converted = Hundredths.rounding(total, over: respondents * Int64(SurveyElement.count), times: 2500)
        return Result(respondents: respondents, elements: elements, converted: converted, grade: Grade(converted: converted))
    }
}
