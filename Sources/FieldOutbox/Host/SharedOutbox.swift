#if !hasFeature(Embedded)
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Darwin)
        import Darwin
    #endif
    import FieldCore

    /// A thread-safe outbox with group commit: concurrent writers share one sync.
    ///
    /// ``enqueue(_:priority:)`` returns only once the record is durable. The first writer to find
    /// no sync under way leads: it waits until `groupSize` records are waiting or `maximumDelay`
    /// has passed (in whole milliseconds, on the monotonic clock), whichever comes first, then
    /// syncs once for everybody who appended meanwhile. With one writer and `groupSize` 1 this is
    /// sync-every-record. Host only (POSIX threads). Delivery and acknowledgement go through
    /// ``withOutbox(_:)``.
    ///
    /// ```swift
    /// let shared = try SharedOutbox(outbox: outbox, groupSize: 64, maximumDelay: .milliseconds(2))
    /// // on any thread:
    /// let key = try shared.enqueue(reading, priority: 1)   // durable now
    /// ```
    public final class SharedOutbox<Storage: OutboxStorage>: @unchecked Sendable {
        var outbox: Outbox<Storage>
        let groupSize: Int
        let maximumDelayNanoseconds: Int64
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        var appended: UInt64 = 0
        var synced: UInt64 = 0
        var leading = false
        var failure: OutboxError? = nil

        /// Wraps an outbox (its own durability policy is bypassed: this class decides when to sync).
        ///
        /// - Parameters:
        ///   - outbox: The outbox.
        ///   - groupSize: Sync once this many records wait (at least 1).
        ///   - maximumDelay: Or once the oldest waiting record has waited this long (whole
        ///     milliseconds; not negative).
        /// - Throws: ``OutboxError/invalidConfiguration(reason:)`` when `groupSize` < 1 or `maximumDelay` is negative.
        public init(outbox: Outbox<Storage>, groupSize: Int, maximumDelay: Duration) throws(OutboxError) {
            let delayMilliseconds = maximumDelay.wholeMilliseconds
            guard groupSize >= 1, delayMilliseconds >= 0 else { throw .invalidConfiguration(reason: .groupSize) }
            self.outbox = outbox
            self.groupSize = groupSize
            let (nanoseconds, overflow) = delayMilliseconds.multipliedReportingOverflow(by: 1_000_000)
            self.maximumDelayNanoseconds = overflow ? Int64.max / 2 : nanoseconds
            mutex.initialize(to: pthread_mutex_t())
            condition.initialize(to: pthread_cond_t())
            pthread_mutex_init(mutex, nil)
            var attributes = pthread_condattr_t()
            pthread_condattr_init(&attributes)
            #if !canImport(Darwin)
                pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
            #endif
            pthread_cond_init(condition, &attributes)
            pthread_condattr_destroy(&attributes)
        }

        deinit {
            pthread_cond_destroy(condition)
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
            condition.deallocate()
        }

        static func now() -> Int64 {
            var t = timespec()
            clock_gettime(CLOCK_MONOTONIC, &t)
            return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
        }

        /// Stores a message and returns once it is durable (after the group's shared sync).
        ///
        /// ```swift
        /// let key = try shared.enqueue([1, 2, 3])
        /// ```
        ///
        /// - Parameters:
        ///   - payload: The message bytes.
        ///   - priority: The priority class.
        /// - Returns: The key.
        /// - Throws: As ``Outbox/enqueue(_:priority:)``; once a sync failed, every waiting and
        ///   later call throws that error.
        /// - Complexity: O(`payload.count`) plus at most one sync.
        public func enqueue(_ payload: [UInt8], priority: UInt8 = 0) throws(OutboxError) -> MessageKey {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            if let failure { throw failure }
            let key: MessageKey
            do { key = try outbox.append(payload, priority: priority) } catch {
                failure = error
                pthread_cond_broadcast(condition)
                throw error
            }
            appended += 1
            let ticket = appended
            pthread_cond_broadcast(condition)
            while synced < ticket {
                if let failure { throw failure }
                if leading {
                    pthread_cond_wait(condition, mutex)
                    continue
                }
                leading = true
                let deadline = Self.now() + maximumDelayNanoseconds
                while appended - synced < UInt64(groupSize), failure == nil {
                    let now = Self.now()
                    if now >= deadline { break }
                    var until = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
                    #if canImport(Darwin)
                        var wait = timespec(
                            tv_sec: Int((deadline - now) / 1_000_000_000),
                            tv_nsec: Int((deadline - now) % 1_000_000_000))
                        pthread_cond_timedwait_relative_np(condition, mutex, &wait)
                        _ = until
                    #else
                        pthread_cond_timedwait(condition, mutex, &until)
                    #endif
                }
                let target = appended
                do { try outbox.sync() } catch {
                    failure = error
                }
                if failure == nil { synced = target }
                leading = false
                pthread_cond_broadcast(condition)
            }
            return key
        }

        /// Runs `body` with exclusive access to the wrapped outbox (delivery, acknowledgement, stats).
        ///
        /// ```swift
        /// let batch = shared.withOutbox { try? $0.peekBatch(maximumCount: 32, now: now) }
        /// ```
        ///
        /// - Parameter body: The closure; it must not call back into this object.
        /// - Returns: What `body` returns.
        public func withOutbox<R>(_ body: (inout Outbox<Storage>) -> R) -> R {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return body(&outbox)
        }
    }
#endif
