import FieldCore

extension PatchApplier {
    /// Decodes the chunk at `progress` and writes its bytes, then advances `progress`.
    func decodeChunk<Sink: ImageSink>(into sink: inout Sink) throws(PatchError) {
        let pageSize = header.pageSize
        let pageShift = header.pageShift
        let chunkOffset = progress.patchOffset
        let newStart = progress.newOffset
        let chunkLength = min(header.chunkSize, header.newSize - newStart)
        guard patch.count - chunkOffset >= 8 else { throw PatchError(.truncated, at: patch.count) }
        let oldPage = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let output = oldPage + pageSize
        let earlier = output + pageSize
        let input = UnsafeMutableRawBufferPointer(rebasing: buffer[(3 * pageSize)...])
        try patch.read(at: chunkOffset, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<8]))
        let codedLength = Int(input.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        let storedChecksum = input.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
        let dataStart = chunkOffset + 8
        guard codedLength <= patch.count - dataStart else { throw PatchError(.truncated, at: patch.count) }
        let limit = dataStart + codedLength

        model.reset()
        var decoder = RangeDecoder(source: patch, buffer: input, start: dataStart, limit: limit)
        let oldSize = header.mode == .delta ? header.oldSize : 0
        let transform = header.transform
        let start = decoder.number(model, model: PatchModel.startModel)
        guard start <= UInt64(oldSize) else { throw PatchError(.outOfBounds, at: decoder.offset) }
        var oldPosition = Int(start)
        var produced = 0
        var previous: UInt8 = 0
        var history = 0
        var recent = PatchModel.initialRecent
        var outputFill = 0
        var outputOffset = newStart

        func flush(_ sink: inout Sink) throws(PatchError) {
            let page = UnsafeMutableRawBufferPointer(start: output, count: outputFill)
            transform.apply(to: page, offset: outputOffset, forward: false)
            hasher.update(UnsafeRawBufferPointer(page))
            try sink.write(UnsafeRawBufferPointer(page), at: outputOffset)
            outputOffset += outputFill
            outputFill = 0
        }

        while produced < chunkLength {
            decoder.ensure(RangeCore.runMargin)
            let add = decoder.number(model, model: PatchModel.addModel)
            let extra = decoder.number(model, model: PatchModel.extraModel)
            if let failure = decoder.failure { throw failure }
            let room = UInt64(chunkLength - produced)
            guard add <= room, extra <= room - add, add + extra > 0, add <= UInt64(oldSize - oldPosition) else {
                throw PatchError(.outOfBounds, at: decoder.offset)
            }
            var remaining = Int(add)
            while remaining > 0 {
                let page = oldPosition >> pageShift
                if page != cachedOldPage { try loadOldPage(page, into: oldPage) }
                let inPage = oldPosition - (page << pageShift)
                let n = min(remaining, cachedOldCount - inPage, pageSize - outputFill)
                // Transform only as far into the page as this run reads.
                if cachedOldScan < inPage + n { transformOldPage(oldPage, through: inPage + n) }
                let source = oldPage + inPage
                let target = output + outputFill
                var done = 0
                var pendingTree = false
                while done < n {
                    decoder.ensure(RangeCore.runMargin)
                    done += decoder.core.decodeAdd(
                        old: source + done, target: target + done, count: n - done, table: model.table,
                        history: &history, pendingTree: &pendingTree)
                    if pendingTree {
                        // The flag said non-zero; its tree needs more input than is buffered.
                        let o = source[done]
                        let tree = PatchModel.diffBase + ((history & 1) << 2 | Int(o >> 6)) * 256
                        target[done] = o &+ model.codeByte(0, base: tree, shift: 3, coder: &decoder)
                        history = (history << 1 | 1) & 3
                        done += 1
                    } else if done < n {
                        // Too few buffered input bytes for the fast loop: one byte through the
                        // refilling decoder.
                        let o = source[done]
                        target[done] = o &+ model.codeDifference(0, old: o, history: &history, coder: &decoder)
                        done += 1
                    }
                }
                previous = target[n - 1]
                outputFill += n
                oldPosition += n
                remaining -= n
                if outputFill == pageSize { try flush(&sink) }
            }
            remaining = Int(extra)
            var lastWasMatch = false
            var hadCopy = false
            while remaining > 0 {
                decoder.ensure(RangeCore.runMargin)
                let fast = decoder.core.hasItemMargin
                let state = PatchModel.flagState(
                    first: remaining == Int(extra), lastWasMatch: lastWasMatch, hadCopy: hadCopy)
                let isMatch =
                    fast
                    ? decoder.core.bit(
                        model.table + PatchModel.matchFlagBase + (state << 4 | Int(previous >> 4)),
                        shift: UInt32(rangeAdaptationShift))
                    : model.codeMatchFlag(0, state: state, previous: previous, coder: &decoder)
                if isMatch == 0 {
                    // The match byte, as the differ chose it: once this extra part has had a
                    // copy, the byte at the last distance; first in the part, the old byte on
                    // the diagonal.
                    var match = -1
                    var kind = 0
                    if hadCopy {
                        kind = lastWasMatch ? 0 : 1
                        // recent.0 < the position when the copy was checked, so this is >= 0.
                        let source = outputOffset + outputFill - Int(recent.0) - 1
                        if source >= outputOffset {
                            match = Int(output[source - outputOffset])
                        } else {
                            let page = source >> pageShift
                            let inPage = source - (page << pageShift)
                            try loadHistory(page, through: inPage + 1, into: earlier, sink: &sink)
                            match = Int(earlier[inPage])
                        }
                    } else if remaining == Int(extra) && oldPosition < oldSize {
                        let page = oldPosition >> pageShift
                        if page != cachedOldPage { try loadOldPage(page, into: oldPage) }
                        let inPage = oldPosition - (page << pageShift)
                        if cachedOldScan < inPage + 1 { transformOldPage(oldPage, through: inPage + 1) }
                        match = Int(oldPage[inPage])
                        kind = 2
                    }
                    if match >= 0 {
                        previous =
                            fast
                            ? decoder.core.matchedByte(
                                match: UInt8(truncatingIfNeeded: match),
                                matched: model.table + PatchModel.matchedLiteralBase + kind * 512,
                                plain: model.table + PatchModel.literalBase + Int(previous >> 4) * 256)
                            : model.codeMatchedLiteral(
                                0, match: UInt8(truncatingIfNeeded: match), kind: kind, previous: previous,
                                coder: &decoder)
                    } else {
                        previous =
                            fast
                            ? decoder.core.byte(
                                tree: model.table + PatchModel.literalBase + Int(previous >> 4) * 256,
                                shift: UInt32(rangeAdaptationShift))
                            : model.codeLiteral(0, previous: previous, coder: &decoder)
                    }
                    output[outputFill] = previous
                    outputFill += 1
                    remaining -= 1
                    lastWasMatch = false
                    if outputFill == pageSize { try flush(&sink) }
                    continue
                }
                let (length, distance) =
                    decoder.core.end - decoder.core.cursor >= RangeCore.copyMargin
                    ? decoder.core.copy(table: model.table, recent: &recent, lastWasMatch: lastWasMatch)
                    : model.codeCopy(
                        length: 0, distance: 0, recent: &recent, lastWasMatch: lastWasMatch, coder: &decoder)
                if let failure = decoder.failure { throw failure }
                let position = outputOffset + outputFill
                guard remaining >= PatchModel.minimumMatch, length <= UInt64(remaining - PatchModel.minimumMatch),
                    distance < UInt64(position)
                else {
                    throw PatchError(.outOfBounds, at: decoder.offset)
                }
                var source = position - Int(distance) - 1
                var left = Int(length) + PatchModel.minimumMatch
                while left > 0 {
                    let n: Int
                    if source >= outputOffset {
                        // From the output page itself; the copy may overlap what it writes, so it
                        // goes byte by byte, front to back.
                        let from = output + (source - outputOffset)
                        let to = output + outputFill
                        n = min(left, pageSize - outputFill)
                        for k in 0..<n { to[k] = from[k] }
                    } else {
                        let page = source >> pageShift
                        let inPage = source - (page << pageShift)
                        n = min(left, pageSize - inPage, outputOffset - source, pageSize - outputFill)
                        try loadHistory(page, through: inPage + n, into: earlier, sink: &sink)
                        (output + outputFill).update(from: earlier + inPage, count: n)
                    }
                    outputFill += n
                    source += n
                    left -= n
                    // Taken before a flush, which rewrites the page into the image's own domain.
                    previous = output[outputFill - 1]
                    if outputFill == pageSize { try flush(&sink) }
                }
                remaining -= Int(length) + PatchModel.minimumMatch
                lastWasMatch = true
                hadCopy = true
            }
            produced += Int(add + extra)
            if let failure = decoder.failure { throw failure }
            if produced < chunkLength {
                // Coded relative to the run's extra length.
                let (seek, overflow) = ZigZag.decode(decoder.number(model, model: PatchModel.seekModel))
                    .addingReportingOverflow(Int64(extra))
                guard !overflow, seek >= -Int64(oldPosition), seek <= Int64(oldSize - oldPosition) else {
                    throw PatchError(.outOfBounds, at: decoder.offset)
                }
                oldPosition += Int(seek)
            }
        }
        if outputFill > 0 { try flush(&sink) }
        let checksum = decoder.finish()
        if let failure = decoder.failure { throw failure }
        guard checksum == storedChecksum else { throw PatchError(.corruptChunk, at: chunkOffset) }
        progress.chunkIndex += 1
        progress.patchOffset = limit
        progress.newOffset = newStart + chunkLength
    }

    /// Reads old-image page `page` into `oldPage` (untransformed; see ``transformOldPage(_:through:)``).
    func loadOldPage(_ page: Int, into oldPage: UnsafeMutablePointer<UInt8>) throws(PatchError) {
        let pageStart = page << header.pageShift
        let count = min(header.pageSize, header.oldSize - pageStart)
        cachedOldPage = -1
        try old.read(at: pageStart, into: UnsafeMutableRawBufferPointer(start: oldPage, count: count))
        cachedOldPage = page
        cachedOldCount = count
        cachedOldScan = 0
    }

    /// Runs the branch transform over the cached old page at least up to `end` (at most the
    /// page's byte count).
    func transformOldPage(_ oldPage: UnsafeMutablePointer<UInt8>, through end: Int) {
        cachedOldScan = header.transform.advance(
            UnsafeMutableRawPointer(oldPage), count: cachedOldCount, offset: cachedOldPage << header.pageShift,
            from: cachedOldScan, through: end, forward: true)
    }

    /// Makes `earlier` hold page `page` of the written output, transformed at least up to `end`.
    /// The page lies below the output page, so it is whole.
    func loadHistory<Sink: ImageSink>(
        _ page: Int, through end: Int, into earlier: UnsafeMutablePointer<UInt8>, sink: inout Sink
    ) throws(PatchError) {
        let pageShift = header.pageShift
        if page != cachedHistoryPage {
            let target = UnsafeMutableRawBufferPointer(start: earlier, count: header.pageSize)
            cachedHistoryPage = -1
            try sink.read(at: page << pageShift, into: target)
            cachedHistoryPage = page
            cachedHistoryScan = 0
        }
        if cachedHistoryScan < end {
            cachedHistoryScan = header.transform.advance(
                UnsafeMutableRawPointer(earlier), count: header.pageSize, offset: page << pageShift,
                from: cachedHistoryScan, through: end, forward: true)
        }
    }
}
