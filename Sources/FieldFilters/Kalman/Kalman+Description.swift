extension MeasurementStatus: CustomStringConvertible {
    /// `updated`, `missing`, or `rejected (outsideGate)` with the reason.
    ///
    /// ```swift
    /// print(MeasurementStatus.rejected(.outsideGate))  // "rejected (outsideGate)"
    /// ```
    public var description: String {
        switch self {
        case .updated: "updated"
        case .missing: "missing"
        case .rejected(let reason): "rejected (\(reason))"
        }
    }
}

extension RejectionReason: CustomStringConvertible {
    /// The reason's name, as written in source (`outsideGate`).
    public var description: String {
        switch self {
        case .outsideGate: "outsideGate"
        case .innovationCovarianceNotPositiveDefinite: "innovationCovarianceNotPositiveDefinite"
        case .nonFiniteMeasurement: "nonFiniteMeasurement"
        }
    }
}

#if !hasFeature(Embedded)
    extension KalmanUpdateReport: CustomStringConvertible {
        /// The status and, when the update was computed, the innovation, its covariance, the squared
        /// Mahalanobis distance (with the gate) and the gain, each matrix row by row.
        ///
        /// ```swift
        /// print(filter.update(Matrix(column: 503, 201)))
        /// // updated: innovation [[3.0], [1.0]], S [[5.0, 0.0], [0.0, 5.0]], d² 2.0, gain [[0.2, 0.0], ...]
        /// ```
        ///
        /// Host builds only: Embedded Swift cannot format floating-point numbers.
        public var description: String {
            switch status {
            case .missing, .rejected(.nonFiniteMeasurement): return status.description
            default: break
            }
            var text = "\(status): innovation \(innovation), S \(innovationCovariance), d² \(mahalanobisSquared)"
            if let gateThreshold { text += " (gate \(gateThreshold))" }
            if status == .updated { text += ", gain \(gain)" }
            return text
        }
    }

    extension KalmanEstimate: CustomStringConvertible {
        /// The state and covariance, row by row: `state [[1.0], [0.5]], covariance [[...]]`.
        ///
        /// Host builds only: Embedded Swift cannot format floating-point numbers.
        public var description: String { "state \(state), covariance \(covariance)" }
    }

    extension KalmanStepRecord: CustomStringConvertible {
        /// The prior and posterior of the step, row by row.
        ///
        /// Host builds only: Embedded Swift cannot format floating-point numbers.
        public var description: String {
            "prior state \(priorState), prior covariance \(priorCovariance), state \(state), covariance \(covariance)"
        }
    }
#endif
