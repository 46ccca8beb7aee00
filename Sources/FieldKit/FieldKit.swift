// The umbrella module: `import FieldKit` brings in every FieldKit library module.
@_exported public import FieldClock
@_exported public import FieldCore
@_exported public import FieldDelta
@_exported public import FieldFilters
@_exported public import FieldML
@_exported public import FieldMQTT
@_exported public import FieldOutbox
@_exported public import FieldUpdate
