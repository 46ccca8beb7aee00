// The umbrella module: `import FieldKit` brings in every FieldKit library module.
@_exported public import FieldClock
@_exported public import FieldCore
@_exported public import FieldMQTT
