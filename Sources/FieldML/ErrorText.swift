/// The text payload of a ``FieldMLError``: built on hosts, empty in Embedded Swift builds.
///
/// Error messages name the tensor, shape or index that is wrong, which takes string
/// interpolation, integer formatting and the operator name table: several kilobytes of code a
/// microcontroller image should not carry. Device builds keep the typed error case and its byte
/// offset, and leave the text empty; hosts (the `fieldkit` tool, servers, tests) get the full
/// message. The argument is an autoclosure, so in Embedded builds it is never evaluated and its
/// code is removed.
///
/// - Parameter make: Builds the message.
/// - Returns: The message, or `""` in Embedded Swift.
@inline(__always)
func errorText(_ make: @autoclosure () -> String) -> String {
    #if hasFeature(Embedded)
        return ""
    #else
        return make()
    #endif
}
