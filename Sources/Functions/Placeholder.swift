enum FunctionsPlaceholder {}
