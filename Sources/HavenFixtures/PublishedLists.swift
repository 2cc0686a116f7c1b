import HavenStats

/// Capture histories from the literature that multiple systems estimators are checked on; the
/// tests compare Haven with R's packages on them and the benchmark times them.
public enum PublishedLists {
    /// Spina bifida in upstate New York, 1969–1974: birth certificates (B), death certificates
    /// (D) and medical rehabilitation lists (M), 626 children on at least one (Hook et al. 1980;
    /// Madigan and York 1997, Biometrika 84:19–31; the counts as R's dga package gives them).
    public static let spinaBifida = try! CaptureHistories(lists: ["B", "D", "M"], counts: [
        0b001: 60, 0b010: 49, 0b011: 4, 0b100: 247, 0b101: 112, 0b110: 142, 0b111: 12,
    ])

    /// Killings in Kosovo, 20 March to 22 June 1999, on four lists: exhumations (EXH), the
    /// American Bar Association (ABA), the OSCE and Human Rights Watch (HRW); 4,400 killings on at
    /// least one (Ball et al. 2002; the histories as R's LCMCR package distributes them).
    public static let kosovo = try! CaptureHistories(lists: ["EXH", "ABA", "OSCE", "HRW"], counts: [
        0b1000: 306, 0b0100: 936, 0b1100: 123, 0b0010: 845, 0b1010: 31, 0b0110: 217, 0b1110: 32, 0b0001: 1131,
        0b1001: 106, 0b0101: 228, 0b1101: 42, 0b0011: 177, 0b1011: 18, 0b0111: 181, 0b1111: 27,
    ])

    /// The five-list example of R's dga package, from Madigan and York (1997): 537 people on
    /// at least one list, lists named L1 to L5 in the package's order.
    public static let fiveLists = try! CaptureHistories(lists: ["L1", "L2", "L3", "L4", "L5"], counts: [
        0b00001: 27, 0b00010: 37, 0b00011: 19, 0b00100: 4, 0b00101: 4, 0b00110: 1, 0b00111: 1, 0b01000: 97, 0b01001: 22,
        0b01010: 37, 0b01011: 25, 0b01100: 2, 0b01101: 1, 0b01110: 3, 0b01111: 5, 0b10000: 83, 0b10001: 36, 0b10010: 34,
        0b10011: 18, 0b10100: 3, 0b10101: 5, 0b10111: 2, 0b11000: 30, 0b11001: 5, 0b11010: 23, 0b11011: 8, 0b11101: 3,
        0b11111: 2,
    ])
}
