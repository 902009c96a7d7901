import Testing
import TaskSequenceModel

/// Case-insensitive comparison on bytes, and catalog lookups by the catalog's own spelling,
/// answer as Unicode lowercasing does.
@Suite struct CaseInsensitiveTests {
    static let pairs: [(String, String)] = [
        ("", ""), ("", "a"), ("SMS_TaskSequence_RunCommandLineAction", "sms_tasksequence_runcommandlineaction"),
        ("WinPE", "winpe"), ("WinPE", "WinPEandFullOS"), ("false", "FALSE"), ("false", "fals"), ("@", "`"), ("[", "{"),
        ("Z", "z"), ("A", "a"), ("zz", "ZZ "), ("\u{212A}elvin", "kelvin"), ("K", "\u{212A}"), ("straße", "STRASSE"),
        ("İstanbul", "i̇stanbul"), ("Éclair", "éclair"), ("É", "E"), ("a\u{301}", "\u{E1}"), ("ÅNGSTRÖM", "ångström"),
        ("\r\n", "\r\n"), ("abc\u{0}", "ABC\u{0}"), ("Kelvin", "\u{212A}elvinx"),
    ]

    @Test(arguments: pairs.indices)
    func equalsIgnoringCaseIsUnicodeLowercasing(index: Int) {
        let (left, right) = Self.pairs[index]
        let expected = left == right || left.lowercased() == right.lowercased()
        #expect(left.equalsIgnoringCase(right) == expected, "\(left) vs \(right)")
        #expect(right.equalsIgnoringCase(left) == expected, "\(right) vs \(left)")
    }

    @Test func bridgedAndSubstringTextComparesTheSame() {
        let long = String(repeating: "Abc", count: 40)
        #expect(long.equalsIgnoringCase(long.uppercased()))
        #expect(!long.equalsIgnoringCase(long.uppercased() + "D"))
        #expect(String(long.dropFirst(3)).equalsIgnoringCase(String(long.lowercased().dropLast(3))))
    }

    @Test func containsPercentSignIsTheCharacterSearch() {
        for text in ["", "%", "%Var%", "no sign", "a%\u{301}b", "%\u{301}", "50 %"] {
            #expect(text.containsPercentSign == text.contains("%"), "\(text)")
        }
    }

    /// Every class and property of the built-in catalog is found the same in any case.
    @Test func catalogLookupsIgnoreCase() {
        let catalog = ActionCatalog.builtIn
        for definition in catalog.classes {
            for spelling in [definition.name, definition.name.lowercased(), definition.name.uppercased()] {
                #expect(catalog[spelling]?.name == definition.name)
                #expect(catalog.properties(of: spelling) == catalog.properties(of: definition.name))
            }
            for property in catalog.properties(of: definition.name) {
                let exact = catalog.resolve(property: property.name, inClass: definition.name)
                #expect(exact?.property == property)
                #expect(catalog.resolve(property: property.name.uppercased(), inClass: definition.name.lowercased()) == exact)
                if let variableName = property.variableName {
                    let byName = catalog.resolve(Variable(name: variableName, value: ""), inClass: definition.name)
                    #expect(catalog.resolve(Variable(name: variableName.lowercased(), value: ""), inClass: definition.name) == byName)
                    #expect(byName != nil)
                }
            }
        }
    }
}

extension CaseInsensitiveTests {
    @Test func percentDelimitedSearchIsLowercasedContains() {
        let texts = ["", "%", "cscript.exe \"%SCRIPTROOT%\\ZTIApply.wsf\"", "%ScriptRoot%", "%scriptroot", "scriptroot%",
                     "x%SCRIPTROOT%y", "%SCRIPT ROOT%", "%SCRIPTROOT%\u{301}", "é %SCRIPTROOT%", "%ſcriptroot%", "%%scriptroot%%"]
        for text in texts {
            #expect(text.containsIgnoringCase(percentDelimited: "%scriptroot%") == text.lowercased().contains("%scriptroot%"), "\(text)")
        }
    }
}

extension CaseInsensitiveTests {
    /// Lookups answer as lowercasing the name does, in every spelling the ASCII probe decides
    /// and in those it leaves to the lowercased tables: a KELVIN SIGN lowercases to `k`, a
    /// name that only shares a bucket's length and letters is not found.
    @Test func lookupsByFoldedNameAreThoseByLowercasedName() {
        let catalog = ActionCatalog.builtIn
        let className = "SMS_TaskSequence_RunCommandLineAction"
        let spellings = [className, className.uppercased(), "SMS_Tas\u{212A}Sequence_RunCommandLineAction", "SMS_TaskSequence_RunCommandLineActioN",
                         "SMS_TaskSequence_RunCommandLineActioX", "XMS_TaskSequence_RunCommandLineAction", "SMS_TaskSequence_RunCommandLineAction ", ""]
        for spelling in spellings {
            #expect(catalog[spelling]?.name == catalog.classes.first { $0.name.lowercased() == spelling.lowercased() }?.name, "\(spelling)")
        }
        for definition in catalog.classes {
            let properties = catalog.properties(of: definition.name)
            for property in properties {
                let odd = String(property.name.enumerated().map { $0.offset.isMultiple(of: 2) ? Character($0.element.uppercased()) : $0.element })
                for spelling in [property.name, odd, property.name.replacingKelvin, property.name + "x", "x" + property.name.dropFirst()] {
                    let expected = properties.first { $0.name.lowercased() == spelling.lowercased() }
                    #expect(catalog.property(spelling, of: definition.name) == expected, "\(definition.name).\(spelling)")
                }
                guard let variableName = property.variableName else { continue }
                for spelling in [variableName, variableName.uppercased(), variableName.replacingKelvin, variableName + "Q"] {
                    let byName = catalog.resolve(Variable(name: spelling, property: "\u{1}", value: ""), inClass: definition.name)
                    let expected = properties.first { $0.variableName?.lowercased() == spelling.lowercased() }
                    if let expected { #expect(byName?.property == expected, "\(definition.name) \(spelling)") }
                }
            }
        }
    }
}

private extension String {
    /// The text with every `k` and `K` written as U+212A KELVIN SIGN, which lowercases to `k`.
    var replacingKelvin: String {
        String(map { $0 == "k" || $0 == "K" ? "\u{212A}" : $0 })
    }
}
