func runDBusBenchmark() throws { print("dbus: not written yet") }
