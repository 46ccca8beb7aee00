/// A tensor's affine quantization: `real = scale * (quantized - zeroPoint)`, per tensor or per
/// channel along ``quantizedDimension``.
///
/// Per-channel bias tensors whose `quantized_dimension` is out of range for their rank (as
/// `person_detect.tflite` has) are accepted: FieldML only ever indexes scales by channel count.
///
/// ```swift
/// if let q = tensor.quantization, q.isPerChannel { print(q.scales.count, "channels") }
/// ```
public struct Quantization: Equatable, Sendable {
    /// The scales: one for per-tensor quantization, one per channel otherwise.
    public var scales: [Float]
    /// The zero points, as many as ``scales`` (or empty when the model omits them).
    public var zeroPoints: [Int64]
    /// The dimension the channels run along, when per-channel.
    public var quantizedDimension: Int

    /// Creates quantization parameters.
    ///
    /// - Parameters:
    ///   - scales: The scales.
    ///   - zeroPoints: The zero points.
    ///   - quantizedDimension: The channel dimension.
    public init(scales: [Float], zeroPoints: [Int64], quantizedDimension: Int = 0) {
        self.scales = scales
        self.zeroPoints = zeroPoints
        self.quantizedDimension = quantizedDimension
    }

    /// Whether there is more than one scale.
    public var isPerChannel: Bool { scales.count > 1 }

    /// The first scale (the per-tensor scale), or 0 when there is none.
    public var scale: Float { scales.first ?? 0 }

    /// The first zero point (the per-tensor zero point), or 0 when there is none.
    public var zeroPoint: Int64 { zeroPoints.first ?? 0 }
}
