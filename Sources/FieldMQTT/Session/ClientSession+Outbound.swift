extension ClientSession {
    /// Sends what may be sent now: queued QoS 0 messages, then stored QoS 1/2 messages in order
    /// while the in-flight window (the server's Receive Maximum) has room.
    mutating func pump(now: Int64) {
        guard state == .connected, let connection else { return }
        while !queuedQoS0.isEmpty {
            let (id, message) = queuedQoS0.removeFirst()
            if sendPublish(message, id: id, duplicate: false, now: now) {
                actions.append(.event(.delivered(id)))
            }
        }
        while sendCursor < order.count && sentOnConnection.count < Int(connection.receiveMaximum) {
            let id = order[sendCursor]
            sendCursor += 1
            guard let message = messages[id], !sentOnConnection.contains(id) else { continue }
            switch message.stage {
            case .awaitingAcknowledgement:
                let duplicate = sentEver.contains(id)
                if sendPublish(message.publish, id: id, duplicate: duplicate, now: now) {
                    sentOnConnection.insert(id)
                    sentEver.insert(id)
                }
            case .awaitingCompletion:
                send(.pubrel(PublishAcknowledgement(packetIdentifier: message.packetIdentifier)), now: now)
                sentOnConnection.insert(id)
            }
            if state != .connected { return }
        }
    }

    /// Encodes and sends one PUBLISH, applying a topic alias when the server allows them.
    /// Returns false (and reports the message rejected) when it exceeds the server's maximum size.
    mutating func sendPublish(_ message: Publish, id: MessageID, duplicate: Bool, now: Int64) -> Bool {
        var packet = message
        packet.duplicate = duplicate && message.qos != .atMostOnce
        if configuration.version == .v5, let connection, connection.topicAliasMaximum > 0 {
            let topic = message.topic.array
            if let alias = outboundAliases[topic] {
                packet.topic = .empty
                packet.properties = Self.adding(.topicAlias(alias), to: message.properties)
            } else if outboundAliases.count < Int(connection.topicAliasMaximum) {
                let alias = UInt16(outboundAliases.count + 1)
                outboundAliases[topic] = alias
                packet.properties = Self.adding(.topicAlias(alias), to: message.properties)
            }
        }
        let size: Int
        do throws(FieldMQTTError) {
            size = try Packet.publish(packet).encodedCount(version: configuration.version)
        } catch {
            reject(id, reason: .implementationSpecificError)
            return false
        }
        if let limit = connection?.maximumPacketSize, size > Int(limit) {
            reject(id, reason: .packetTooLarge)
            return false
        }
        send(.publish(packet), now: now)
        return true
    }

    static func adding(_ property: Property, to properties: Properties) -> Properties {
        var copy = properties.owned()
        copy.append(property)
        return copy
    }

    /// Forgets an outbound message the server refused (or that cannot be sent) and reports it.
    mutating func reject(_ id: MessageID, reason: ReasonCode) {
        if messages[id] != nil {
            try? store.remove(id)
            forget(id)
        }
        actions.append(.event(.rejected(id, reason)))
    }

    /// Forgets an acknowledged outbound message and reports it delivered.
    mutating func complete(_ id: MessageID) -> Bool {
        do throws(SessionStoreError) {
            try store.remove(id)
        } catch {
            storageFailed(error)
            return false
        }
        forget(id)
        actions.append(.event(.delivered(id)))
        return true
    }

    /// A store failure while handling the server's packets: close the connection so that the
    /// server redelivers, rather than acknowledge something not recorded.
    mutating func storageFailed(_ error: SessionStoreError) {
        if configuration.version == .v5 {
            send(.disconnect(Disconnect(reasonCode: .implementationSpecificError)), now: lastSent)
        }
        endConnection(.protocolViolation(.implementationSpecificError, detail: "session store failed: \(error)"))
    }
}
