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
}
