enum DiagnosticsPlaceholder {}
