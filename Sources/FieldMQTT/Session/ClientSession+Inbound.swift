public import FieldCore

extension ClientSession {
    /// Feeds bytes received from the transport. Produces replies, events and possibly a close.
    ///
    /// - Parameters:
    ///   - bytes: The bytes, split anywhere.
    ///   - now: The current time (the session's clock; only differences matter).
    public mutating func receive(_ bytes: UnsafeRawBufferPointer, now: Instant) {
        let now = now.millisecondsSinceEpoch
        guard state != .disconnected else { return }
        var input = bytes
        while state != .disconnected {
            let event: StreamDecoder.Event
            do throws(FieldMQTTError) {
                event = try decoder.next(from: &input)
            } catch {
                violation(error.reasonCode, "\(error)", now: now)
                return
            }
            switch event {
            case .packet(let packet):
                handle(packet, now: now)
            case .needMoreBytes:
                return
            case .skipped:
                continue
            }
        }
    }

    /// Feeds bytes received from the transport.
    ///
    /// - Parameters:
    ///   - bytes: The bytes, split anywhere.
    ///   - now: The current time (the session's clock; only differences matter).
    public mutating func receive(_ bytes: [UInt8], now: Instant) {
        bytes.withUnsafeBytes { receive($0, now: now) }
    }

    mutating func violation(_ reason: ReasonCode, _ detail: String, now: Int64) {
        if configuration.version == .v5 {
            send(.disconnect(Disconnect(reasonCode: reason)), now: now)
        }
        endConnection(.protocolViolation(reason, detail: detail))
    }

    mutating func handle(_ packet: Packet, now: Int64) {
        if state == .connecting {
            switch packet {
            case .connack(let connack): handleConnack(connack, now: now)
            case .auth(let auth): handleAuth(auth)
            case .disconnect(let disconnect): handleDisconnect(disconnect)
            default: violation(.protocolError, "\(packet.type) before CONNACK", now: now)
            }
            return
        }
        switch packet {
        case .publish(let publish): handlePublish(publish, now: now)
        case .puback(let ack): handlePuback(ack, now: now)
        case .pubrec(let ack): handlePubrec(ack, now: now)
        case .pubrel(let ack): handlePubrel(ack, now: now)
        case .pubcomp(let ack): handlePubcomp(ack, now: now)
        case .suback(let suback):
            let requested = pendingSubscriptions.removeValue(forKey: suback.packetIdentifier)
            if let requested {
                for (subscription, code) in zip(requested, suback.reasonCodes) where !code.isFailure {
                    activeSubscriptions.removeAll { $0.filter == subscription.filter }
                    activeSubscriptions.append(
                        Subscription(filter: subscription.filter.owned(), options: subscription.options))
                }
            }
            actions.append(
                .event(.subscribed(packetIdentifier: suback.packetIdentifier, reasonCodes: Array(suback.reasonCodes))))
        case .unsuback(let unsuback):
            if let filters = pendingUnsubscriptions.removeValue(forKey: unsuback.packetIdentifier) {
                activeSubscriptions.removeAll { filters.contains($0.filter) }
            }
            actions.append(
                .event(
                    .unsubscribed(packetIdentifier: unsuback.packetIdentifier, reasonCodes: Array(unsuback.reasonCodes))
                ))
        case .pingresp:
            pingDeadline = nil
        case .disconnect(let disconnect):
            handleDisconnect(disconnect)
        case .auth(let auth):
            handleAuth(auth)
        case .connack:
            violation(.protocolError, "a second CONNACK", now: now)
        default:
            violation(.protocolError, "\(packet.type) is not sent by a server", now: now)
        }
    }

    mutating func handleConnack(_ connack: Connack, now: Int64) {
        guard !connack.reasonCode.isFailure && connack.reasonCode.rawValue == 0 else {
            if let reference = connack.properties.serverReferenceString,
                connack.reasonCode == .useAnotherServer || connack.reasonCode == .serverMoved
            {
                actions.append(
                    .event(.redirect(serverReference: reference, permanent: connack.reasonCode == .serverMoved)))
            }
            endConnection(.refused(connack.reasonCode))
            return
        }
        let properties = connack.properties
        let info = ConnectionInfo(
            sessionPresent: connack.sessionPresent,
            assignedClientIdentifier: properties.assignedClientIdentifier?.string,
            receiveMaximum: properties.receiveMaximum ?? 65_535,
            topicAliasMaximum: properties.topicAliasMaximum ?? 0,
            maximumPacketSize: properties.maximumPacketSize,
            maximumQoS: properties.maximumQoS.flatMap { QoS(rawValue: $0) } ?? .exactlyOnce,
            keepAliveSeconds: properties.serverKeepAlive ?? configuration.keepAliveSeconds
        )
        connection = info
        state = .connected
        connectDeadline = nil
        hasConnectedBefore = true
        if !connack.sessionPresent {
            // The server has no state for us. QoS 2 messages it already acknowledged with PUBREC
            // were received by it: they are done. Everything else is sent again as a new message.
            for id in order[orderHead...] {
                guard let message = messages[id] else { continue }
                if message.stage == .awaitingCompletion {
                    if !complete(id) { return }
                } else {
                    sentEver.remove(id)
                }
            }
            sendCursor = orderHead
        }
        actions.append(.event(.connected(info)))
        if !connack.sessionPresent && !activeSubscriptions.isEmpty {
            let subscriptions = activeSubscriptions
            let packetIdentifier = allocatePacketIdentifier()
            pendingSubscriptions[packetIdentifier] = subscriptions
            send(
                .subscribe(
                    Subscribe(packetIdentifier: packetIdentifier, subscriptions: SubscriptionList(subscriptions))),
                now: now)
        }
        pump(now: now)
    }

    mutating func handleAuth(_ auth: Auth) {
        guard let method = configuration.authenticationMethod else {
            violation(.protocolError, "AUTH without an authentication method", now: lastSent)
            return
        }
        if auth.reasonCode == .continueAuthentication {
            actions.append(
                .event(.authenticationChallenge(method: method, data: auth.properties.authenticationData?.array ?? [])))
        }
    }

    mutating func handleDisconnect(_ disconnect: Disconnect) {
        let code = disconnect.reasonCode
        if let reference = disconnect.properties.serverReferenceString,
            code == .useAnotherServer || code == .serverMoved
        {
            actions.append(.event(.redirect(serverReference: reference, permanent: code == .serverMoved)))
        }
        endConnection(.serverDisconnected(code, reasonString: disconnect.properties.reasonString?.string))
    }

    mutating func handlePublish(_ publish: Publish, now: Int64) {
        var topic = publish.topic.array
        if let alias = publish.properties.topicAlias {
            guard alias >= 1 && alias <= configuration.topicAliasMaximum else {
                violation(
                    .topicAliasInvalid, "topic alias \(alias) above our maximum \(configuration.topicAliasMaximum)",
                    now: now)
                return
            }
            if topic.isEmpty {
                guard let known = inboundAliases[alias] else {
                    violation(.protocolError, "topic alias \(alias) used before it was set", now: now)
                    return
                }
                topic = known
            } else {
                inboundAliases[alias] = topic
            }
        }
        let message = InboundMessage(
            topic: String(decoding: topic, as: UTF8.self), payload: publish.payload.array, qos: publish.qos,
            retain: publish.retain, duplicate: publish.duplicate
        )
        switch publish.qos {
        case .atMostOnce:
            actions.append(.event(.message(message)))
        case .atLeastOnce:
            actions.append(.event(.message(message)))
            send(.puback(PublishAcknowledgement(packetIdentifier: publish.packetIdentifier ?? 0)), now: now)
        case .exactlyOnce:
            let packetIdentifier = publish.packetIdentifier ?? 0
            if !inboundQoS2.contains(packetIdentifier) {
                if inboundQoS2.count >= Int(max(1, configuration.receiveMaximum)) {
                    violation(
                        .receiveMaximumExceeded, "more than \(configuration.receiveMaximum) QoS 2 messages in flight",
                        now: now)
                    return
                }
                do throws(SessionStoreError) {
                    try store.insertInbound(packetIdentifier)
                } catch {
                    storageFailed(error)
                    return
                }
                inboundQoS2.insert(packetIdentifier)
                actions.append(.event(.message(message)))
            }
            send(.pubrec(PublishAcknowledgement(packetIdentifier: packetIdentifier)), now: now)
        }
    }

    mutating func handlePuback(_ ack: PublishAcknowledgement, now: Int64) {
        guard let id = byPacketIdentifier[ack.packetIdentifier], let message = messages[id],
            message.publish.qos == .atLeastOnce, sentOnConnection.contains(id)
        else { return }
        if ack.reasonCode.isFailure {
            reject(id, reason: ack.reasonCode)
        } else if !complete(id) {
            return
        }
        pump(now: now)
    }

    mutating func handlePubrec(_ ack: PublishAcknowledgement, now: Int64) {
        guard let id = byPacketIdentifier[ack.packetIdentifier], var updated = messages[id],
            updated.publish.qos == .exactlyOnce
        else {
            var reply = PublishAcknowledgement(packetIdentifier: ack.packetIdentifier)
            if configuration.version == .v5 { reply.reasonCode = .packetIdentifierNotFound }
            send(.pubrel(reply), now: now)
            return
        }
        if ack.reasonCode.isFailure {
            reject(id, reason: ack.reasonCode)
            pump(now: now)
            return
        }
        if updated.stage == .awaitingAcknowledgement {
            updated.stage = .awaitingCompletion
            do throws(SessionStoreError) {
                try store.save(updated)
            } catch {
                storageFailed(error)
                return
            }
            messages[id] = updated
        }
        send(.pubrel(PublishAcknowledgement(packetIdentifier: ack.packetIdentifier)), now: now)
    }

    mutating func handlePubrel(_ ack: PublishAcknowledgement, now: Int64) {
        var reply = PublishAcknowledgement(packetIdentifier: ack.packetIdentifier)
        if inboundQoS2.contains(ack.packetIdentifier) {
            do throws(SessionStoreError) {
                try store.removeInbound(ack.packetIdentifier)
            } catch {
                storageFailed(error)
                return
            }
            inboundQoS2.remove(ack.packetIdentifier)
        } else if configuration.version == .v5 {
            reply.reasonCode = .packetIdentifierNotFound
        }
        send(.pubcomp(reply), now: now)
    }

    mutating func handlePubcomp(_ ack: PublishAcknowledgement, now: Int64) {
        guard let id = byPacketIdentifier[ack.packetIdentifier], messages[id]?.stage == .awaitingCompletion else {
            return
        }
        if complete(id) { pump(now: now) }
    }
}

extension Properties {
    var serverReferenceString: String? {
        for property in self {
            if case .serverReference(let reference) = property { return reference.string }
        }
        return nil
    }
}
