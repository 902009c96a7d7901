// DBusKit: a Swift binding of libdbus. See the module documentation in DBusKit.swift.
