{ python: {} }
