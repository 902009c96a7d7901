import TaskSequenceModel

/// Package properties, references and the values kept by name, as their `Codable`
/// conformances write them with sorted keys.
extension JSONText {
    /// Every field of `properties`, keys in the encoder's sorted order (UTF-8 byte order).
    mutating func append(_ properties: PackageProperties) {
        append("{\"bootImageID\":")
        appendString(properties.bootImageID)
        append(",\"category\":")
        appendString(properties.category)
        append(",\"customProgressMessage\":")
        appendString(properties.customProgressMessage)
        append(",\"dependentProgram\":")
        appendString(properties.dependentProgram)
        append(",\"description\":")
        appendString(properties.description)
        append(",\"duration\":")
        append(properties.duration)
        append(",\"extended\":{")
        // A dictionary: the encoder sorts its keys too, by their UTF-8 bytes.
        let names = properties.extended.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, name) in names.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            appendString(name)
            append(byte: UInt8(ascii: ":"))
            if let value = properties.extended[name] { append(value) }
        }
        append("},\"iconSize\":")
        append(properties.iconSize)
        append(",\"language\":")
        appendString(properties.language)
        append(",\"lastRefreshTime\":")
        append(properties.lastRefreshTime)
        append(",\"manufacturer\":")
        appendString(properties.manufacturer)
        append(",\"name\":")
        appendString(properties.name)
        append(",\"packageID\":")
        appendString(properties.packageID)
        append(",\"packageType\":")
        append(properties.packageType)
        append(",\"programFlags\":")
        append(properties.programFlags)
        append(",\"references\":")
        append(properties.references)
        append(",\"sourceDate\":")
        append(properties.sourceDate)
        append(",\"sourceSite\":")
        appendString(properties.sourceSite)
        append(",\"sourceVersion\":")
        append(properties.sourceVersion)
        append(",\"taskSequenceFlags\":")
        append(properties.taskSequenceFlags)
        append(",\"type\":")
        append(properties.type)
        append(",\"version\":")
        appendString(properties.version)
        append(byte: UInt8(ascii: "}"))
    }

    mutating func append(_ value: PackageValue) {
        switch value {
        case .text(let text): appendCase("text") { $0.appendString(text) }
        case .number(let number): appendCase("number") { $0.append(number) }
        case .boolean(let flag): appendCase("boolean") { $0.append(flag) }
        case .dateTime(let seconds): appendCase("dateTime") { $0.append(seconds) }
        case .bytes(let bytes):
            appendCase("bytes") { json in
                json.appendArray(bytes) { json, byte in json.append(UInt32(byte)) }
            }
        case .texts(let texts): appendCase("texts") { $0.append(texts) }
        case .objects(let objects): appendCase("objects") { $0.append(objects) }
        }
    }

    /// `[{"application":…,"package":…,"program":…},…]`.
    mutating func append(_ references: [PackageReference]) {
        appendArray(references) { json, reference in
            json.append("{\"application\":")
            json.appendString(reference.application)
            json.append(",\"package\":")
            json.appendString(reference.package)
            json.append(",\"program\":")
            json.appendString(reference.program)
            json.append(byte: UInt8(ascii: "}"))
        }
    }

    /// `[{"className":…,"properties":[{"name":…,"type":…,"value":…},…]},…]`; a NULL value
    /// leaves its key out, as the encoder does with an optional.
    mutating func append(_ instances: [EmbeddedInstance]) {
        appendArray(instances) { json, instance in
            json.append("{\"className\":")
            json.appendString(instance.className)
            json.append(",\"properties\":[")
            for (position, property) in instance.properties.enumerated() {
                if position > 0 { json.append(byte: UInt8(ascii: ",")) }
                json.append("{\"name\":")
                json.appendString(property.name)
                json.append(",\"type\":")
                json.appendString(property.type)
                if let value = property.value {
                    json.append(",\"value\":")
                    json.appendString(value)
                }
                json.append(byte: UInt8(ascii: "}"))
            }
            json.append("]}")
        }
    }
}
