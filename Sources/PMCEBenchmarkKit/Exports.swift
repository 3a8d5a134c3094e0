@_exported public import PerMessageCompression
