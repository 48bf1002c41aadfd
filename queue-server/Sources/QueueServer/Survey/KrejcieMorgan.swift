/// The minimum sample of a survey, from the table of R. V. Krejcie and D. W. Morgan, "Determining
/// sample size for research activities", Educational and Psychological Measurement 30 (1970),
/// 607–610, Table 1, which PermenPAN-RB No. 14/2017 (Lampiran, II.C) names for the SKM. The table
/// follows s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) with χ² = 3.841, P = 0.5, d = 0.05.
enum KrejcieMorgan {
    /// (population N, sample S), as printed.
    static let table: [(population: Int64, sample: Int64)] = [
        (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
        (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
        (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132),
        (210, 136), (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165),
        (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
        (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265),
        (900, 269), (950, 274), (1_000, 278), (1_100, 285), (1_200, 291), (1_300, 297), (1_400, 302), (1_500, 306),
        (1_600, 310), (1_700, 313), (1_800, 317), (1_900, 320), (2_000, 322), (2_200, 327), (2_400, 331),
        (2_600, 335), (2_800, 338), (3_000, 341), (3_500, 346), (4_000, 351), (4_500, 354), (5_000, 357),
        (6_000, 361), (7_000, 364), (8_000, 367), (9_000, 368), (10_000, 370), (15_000, 375), (20_000, 377),
        (30_000, 379), (40_000, 380), (50_000, 381), (75_000, 382), (1_000_000, 384),
    ]

    /// The minimum number of respondents for `population` served citizens: the sample of the first
    /// row whose N is at least `population` (a population between two rows takes the larger row's
    /// sample, never fewer than the table asks); everyone when fewer than the first row's 10; 384
    /// beyond the last row; 0 for nobody served.
    static func minimumSample(population: Int64) -> Int64 {
        guard population > 0 else { return 0 }
        guard population >= table[0].population else { return population }
        return table.first(where: { $0.population >= population })?.sample ?? table[table.count - 1].sample
    }
}
