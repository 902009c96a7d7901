func runXMLBenchmark() throws { print("xml: not written yet") }
