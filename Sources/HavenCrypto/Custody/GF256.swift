/// Arithmetic in GF(2^8) with the AES (Rijndael) reduction polynomial x^8 + x^4 + x^3 + x + 1
/// (0x11B), as FIPS 197 §4 defines it. Addition is XOR. Multiplication runs in a fixed number
/// of steps whatever the operands, so that splitting a key leaks nothing through timing.
public enum GF256 {
    /// a · b, by shift-and-add with a branch-free reduction.
    public static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, product: UInt8 = 0
        for _ in 0..<8 {
            // mask is 0xFF when the low bit of b is set, 0 otherwise.
            product ^= a & (0 &- (b & 1))
            let carry = 0 &- (a >> 7)
            a = (a << 1) ^ (0x1B & carry)
            b >>= 1
        }
        return product
    }

    /// The multiplicative inverse: a^254, since a^255 = 1 for every non-zero a. The inverse of 0
    /// is taken as 0, as in the AES S-box.
    public static func inverse(_ a: UInt8) -> UInt8 {
        var result: UInt8 = 1, base = a, exponent = 254
        while exponent > 0 {
            let square = multiply(base, base)
            let withBase = multiply(result, base)
            result = exponent & 1 == 1 ? withBase : result
            base = square
            exponent >>= 1
        }
        return result
    }
}
