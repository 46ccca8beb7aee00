/// What the demo measured, for the terminal summary, the JSON line and the HTML report.
struct DemoMetrics {
    var devices = 0
    var days = 0
    var seed: UInt64 = 0
    /// Readings taken by the sensors.
    var measured = 0
    /// Readings whose outbox enqueue returned (durable).
    var enqueued = 0
    /// Distinct readings whose MQTT publish was acknowledged.
    var acknowledged = 0
    /// Distinct readings in the server's store at the end.
    var delivered = 0
    /// Enqueued readings missing from the store at the end.
    var lost = 0
    var duplicatesReceived = 0
    var duplicatesStored = 0
    var duplicatesRefusedByStore = 0
    /// A reading as a naive device would send it: 20 bytes of reading and a 12-byte key.
    static let rawReadingSize = DemoReading.encodedSize + 12
    /// Raw bytes of every measured reading, before the dead band and compression.
    var bytesRaw: Int { measured * DemoMetrics.rawReadingSize }
    /// Raw bytes of the readings published (after the dead band, retries included), before compression.
    var bytesReportedRaw = 0
    /// Readings that left the dead band (the rest were not worth sending).
    var reported = 0
    var field = DemoFieldSensors.Tally()
    var bytesSent = 0
    var publishes = 0
    var publishesAcknowledged = 0
    var recordsPublished = 0
    var replays = 0
    var rejected = 0
    var outages = 0
    var powerCuts = 0
    var acknowledgementsLostToPowerCut = 0
    var clockJumps = 0
    var late = 0
    var inOrder = 0
    var reordered = 0
    var serverRestarts = 0
    var beyondWindow = 0
    var malformed = 0
    var messagesReceivedByServer = 0
    var brokerErrors = 0
    var deviceErrors = 0
    /// `nil` until the anomaly stage ran.
    var anomalyPrecision: Double?
    var anomalyRecall: Double?
    var otaBricked = 0
    var statusPublished = 0
    var statusReceivedByWorkers: [Int] = []
    var retainedSeenByViewer = 0
    var viewerMessages = 0
    struct Day {
        var measured: Int
        var enqueued: Int
        var acknowledged: Int
        var stored: Int
        var duplicatesReceived: Int
        var late: Int
        var inOrder: Int
    }
    var daily: [Day] = []
    var ota: DemoOTA?
    var anomalyAlerts = 0
    var anomalyWindows = 0
    var faultyWindows = 0
    var seconds = 0.0

    var notEnqueued: Int { reported - enqueued }

    /// The fields of the JSON line, in order.
    var fields: [(String, String)] {
        [
            ("devices", "\(devices)"), ("days", "\(days)"), ("seed", "\(seed)"),
            ("measured", "\(measured)"), ("enqueued", "\(enqueued)"),
            ("lost_before_enqueue_power_cut", "\(notEnqueued)"),
            ("acknowledged", "\(acknowledged)"), ("delivered", "\(delivered)"), ("lost", "\(lost)"),
            ("duplicates_received", "\(duplicatesReceived)"), ("duplicates_stored", "\(duplicatesStored)"),
            ("duplicates_refused_by_store", "\(duplicatesRefusedByStore)"),
            ("bytes_raw", "\(bytesRaw)"), ("bytes_after_deadband", "\(bytesReportedRaw)"),
            ("bytes_sent", "\(bytesSent)"),
            ("reported", "\(reported)"),
            ("gps_fixes", "\(field.fixes)"), ("gps_jumps", "\(field.jumpsInjected)"),
            ("gps_jumps_rejected", "\(field.jumpsRejected)"),
            ("gps_rms_raw_m", demoFormat(gpsRMSRaw)), ("gps_rms_filtered_m", demoFormat(gpsRMSFiltered)),
            ("fuel_alerts_naive", "\(field.naiveAlerts)"), ("fuel_alerts_hysteresis", "\(field.hysteresisAlerts)"),
            ("fuel_refills", "\(field.refills)"),
            ("publishes", "\(publishes)"), ("replays", "\(replays)"), ("outages", "\(outages)"),
            ("power_cuts", "\(powerCuts)"), ("clock_jumps", "\(clockJumps)"),
            ("late_readings", "\(late)"), ("ordered_readings", "\(inOrder)"), ("reordered_readings", "\(reordered)"),
            ("server_restarts", "\(serverRestarts)"), ("beyond_window", "\(beyondWindow)"),
            ("malformed", "\(malformed)"), ("broker_errors", "\(brokerErrors)"), ("device_errors", "\(deviceErrors)"),
            ("anomaly_precision", anomalyPrecision.map(demoFormat) ?? "null"),
            ("anomaly_recall", anomalyRecall.map(demoFormat) ?? "null"),
            ("ota_bricked", "\(otaBricked)"),
            ("status_published", "\(statusPublished)"),
            ("status_shared_worker_0", "\(statusReceivedByWorkers.first ?? 0)"),
            ("status_shared_worker_1", "\(statusReceivedByWorkers.dropFirst().first ?? 0)"),
            ("retained_seen_by_viewer", "\(retainedSeenByViewer)"),
            ("ota_bad_updated", "\(ota?.updated[0] ?? 0)"), ("ota_bad_rolled_back", "\(ota?.rolledBack[0] ?? 0)"),
            ("ota_bad_halted", "\(ota?.badHalted ?? false)"),
            ("ota_good_updated", "\(ota?.updated[1] ?? 0)"), ("ota_good_rolled_back", "\(ota?.rolledBack[1] ?? 0)"),
            ("seconds", demoFormat(seconds)),
        ]
    }

    var gpsRMSRaw: Double { field.fixes == 0 ? 0 : (field.rawSquaredError / Double(field.fixes)).squareRoot() }
    var gpsRMSFiltered: Double {
        field.fixes == 0 ? 0 : (field.filteredSquaredError / Double(field.fixes)).squareRoot()
    }

    var json: String {
        "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    var summary: String {
        let ratio = bytesRaw > 0 ? Double(bytesSent) / Double(bytesRaw) : 0
        return """
            FieldKit demo: \(devices) devices, \(days) days, seed \(seed) (\(demoFormat(seconds)) s)
              readings  measured \(measured), \(reported) left the dead band, enqueued \(enqueued) (\(notEnqueued) in RAM at a power cut), acknowledged \(acknowledged), delivered \(delivered), lost \(lost)
              network   \(publishes) batches, \(outages) outages, \(replays) replays, \(serverRestarts) server restart(s)
              status    \(statusPublished) retained QoS 0 status messages; shared subscription workers got \(statusReceivedByWorkers.map(String.init).joined(separator: " + ")); a late viewer got \(viewerMessages) messages, \(retainedSeenByViewer) flagged retained
              devices   \(powerCuts) power cuts, \(acknowledgementsLostToPowerCut) acknowledgements cut off, \(clockJumps) clock jumps
              dedup     \(duplicatesReceived) duplicates received, \(duplicatesStored) stored
              ordering  \(inOrder) stored in hybrid-time order (\(reordered) of them arrived out of order), \(late) late (stored as side output)
              bytes     \(bytesRaw) raw -> \(bytesReportedRaw) after the dead band -> \(bytesSent) sent compressed (\(demoFormat(ratio * 100))% of raw)
              gps       \(field.fixes) fixes, \(field.jumpsInjected) multipath jumps, \(field.jumpsRejected) rejected by the Kalman gate (\(field.goodRejected) good fixes rejected, \(field.reacquisitions) re-acquisitions); RMS error \(demoFormat(gpsRMSRaw)) m raw, \(demoFormat(gpsRMSFiltered)) m filtered
              fuel      \(field.refills) refills: \(field.naiveAlerts) low-fuel alerts with one threshold, \(field.hysteresisAlerts) with hysteresis
              anomaly   \(anomalyWindows) vibration windows scored by the int8 autoencoder, \(faultyWindows) with an injected bearing fault, \(anomalyAlerts) flagged: precision \(anomalyPrecision.map(demoFormat) ?? "-"), recall \(anomalyRecall.map(demoFormat) ?? "-")
              ota       bad release: \(ota?.updated[0] ?? 0) installed, \(ota?.rolledBack[0] ?? 0) rolled back, \(ota?.bricked[0] ?? 0) bricked, \(ota?.badHalted == true ? "halted" : "NOT halted"); good release: \(ota?.updated[1] ?? 0) installed, \(ota?.rolledBack[1] ?? 0) rolled back, \(ota?.bricked[1] ?? 0) bricked (\(ota?.powerCuts ?? 0) power cuts during updates)
              errors    broker \(brokerErrors), devices \(deviceErrors), malformed \(malformed), beyond window \(beyondWindow)
            """
    }
}

func demoFormat(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
}
