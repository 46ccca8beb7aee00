import FieldCore
import FieldFilters
import Foundation
import Testing

@Suite("Matrix, Cholesky and elementary functions")
struct LinearAlgebraTests {
    @Test("product, transpose and multipliedByTranspose agree with hand-computed values")
    func arithmetic() {
        let a = Matrix<2, 3, Double> { r, c in Double(r * 3 + c + 1) }  // [[1,2,3],[4,5,6]]
        let b = Matrix<3, 2, Double> { r, c in Double(r * 2 + c + 7) }  // [[7,8],[9,10],[11,12]]
        let p = a * b
        #expect(p[0, 0] == 58 && p[0, 1] == 64 && p[1, 0] == 139 && p[1, 1] == 154)
        #expect(a.multipliedByTranspose(of: b.transposed) == p)
        #expect(a.transposed[2, 1] == 6)
        #expect((a + a - a) == a)
        #expect((2 * a)[1, 2] == 12)
    }

    @Test("Cholesky: known factor, solve, log-determinant")
    func choleskyKnown() throws {
        // A = [[4, 2], [2, 3]] = L L' with L = [[2, 0], [1, sqrt(2)]].
        let a = Matrix<2, 2, Double> { r, c in r == c ? (r == 0 ? 4 : 3) : 2 }
        let factor = try CholeskyFactor(a)
        #expect(factor.lower[0, 0] == 2 && factor.lower[1, 0] == 1 && factor.lower[0, 1] == 0)
        #expect(abs(factor.lower[1, 1] - 2.0.squareRoot()) < 1e-15)
        // det A = 8.
        #expect(abs(factor.logDeterminant - log(8.0)) < 1e-15)
        // A x = [2, 1] has x = [0.5, 0].
        let x = factor.solve(Matrix<2, 1, Double>(column: 2, 1))
        #expect(abs(x[0] - 0.5) < 1e-15 && abs(x[1]) < 1e-15)
        #expect(abs(factor.inverseQuadraticForm(Matrix(column: 2, 1)) - 1.0) < 1e-15)
    }

    @Test("Cholesky reports the failing pivot instead of producing NaN")
    func choleskyFailures() {
        func pivot(_ m: Matrix<3, 3, Double>) -> Int? {
            do {
                _ = try CholeskyFactor(m)
                return nil
            } catch {
                guard error.code == .notPositiveDefinite else { return -1 }
                return error.pivot
            }
        }
        var singular = Matrix<3, 3, Double>.identity
        singular[2, 2] = 0
        #expect(pivot(singular) == 2)
        var indefinite = Matrix<3, 3, Double>.identity
        indefinite[0, 1] = 2
        indefinite[1, 0] = 2
        #expect(pivot(indefinite) == 1)
        var poisoned = Matrix<3, 3, Double>.identity
        poisoned[0, 0] = .nan
        #expect(pivot(poisoned) == 0)
        #expect(pivot(.identity) == nil)
    }

    @Test("Cholesky property: random SPD matrices factor and solve to 1e-10 (seeded SplitMix64)")
    func choleskyProperty() throws {
        var rng = SplitMix64(seed: 0xF11_7E55)
        for _ in 0..<200 {
            let b = Matrix<5, 5, Double> { _, _ in Double.random(in: -3...3, using: &rng) }
            let a = b.multipliedByTranspose(of: b) + Matrix.identity
            let factor = try CholeskyFactor(a)
            let rebuilt = factor.lower.multipliedByTranspose(of: factor.lower)
            #expect(rebuilt.maximumAbsoluteDifference(to: a) < 1e-10)
            let rhs = Matrix<5, 1, Double> { _, _ in Double.random(in: -10...10, using: &rng) }
            let x = factor.solve(rhs)
            #expect((a * x).maximumAbsoluteDifference(to: rhs) < 1e-9)
            #expect((factor.inverse * a).maximumAbsoluteDifference(to: .identity) < 1e-9)
        }
    }

    @Test("naturalLogarithm and exponential within 2 ulp of glibc over 20,000 seeded values")
    func elementaryFunctions() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<10_000 {
            let x = Double(
                sign: .plus, exponent: Int.random(in: -1000...1000, using: &rng),
                significand: Double.random(in: 1..<2, using: &rng))
            let ours = Double.naturalLogarithm(x)
            let reference = log(x)
            #expect(abs(ours - reference) <= 2 * max(reference.ulp, Double.leastNormalMagnitude), "ln \(x)")
            let e = Double.random(in: -700...700, using: &rng)
            #expect(abs(Double.exponential(e) - exp(e)) <= 2 * exp(e).ulp, "exp \(e)")
        }
        #expect(Double.naturalLogarithm(1) == 0)
        #expect(Double.naturalLogarithm(0) == -.infinity)
        #expect(Double.naturalLogarithm(-1).isNaN)
        #expect(Double.exponential(0) == 1)
        #expect(Double.exponential(1000) == .infinity)
        #expect(Double.exponential(-1000) == 0)
        #expect(abs(Float.naturalLogarithm(10) - logf(10)) <= logf(10).ulp)
    }
}
