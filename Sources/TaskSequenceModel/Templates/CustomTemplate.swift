/// "Create a new custom task sequence" (New-CMTaskSequence -CustomTaskSequence): an empty
/// sequence, with a boot image when the sequence will start Windows PE.
public enum CustomTemplate {
    public static let name = "custom"

    static let template = SequenceTemplate(
        name: name, title: "Create a new custom task sequence",
        summary: "An empty task sequence, to fill in step by step.",
        parameters: [
            TemplateParameter(TemplateParameterName.bootImage, .packageID, summary: "the boot image package, if the sequence starts Windows PE; it becomes the package's BootImageID"),
        ]
    ) { _ throws(TemplateError) in
        TaskSequence(schemaVersion: "3.10")
    }
}
