internal import CLibXML2
import TaskSequenceModel

/// Maps a `<sequence>` to the model while libxml2 is still parsing it, so the whole document
/// never exists as a libxml2 tree: libxml2's nodes cost several times the text they hold, which
/// made a 30 MiB import peak at more than 12× its size.
///
/// The containers are the root `<sequence>` and the `<group>`s nested in it. Each time an
/// element inside a container ends, that element and everything before it in the container
/// (whitespace, comments) are mapped with ``SequenceMapper`` and freed; a group that ends is
/// mapped from what was streamed of it plus what is left of it in the tree. What the root still
/// holds when the parse ends is mapped by ``SequenceMapper/taskSequence(from:streamed:)``. The
/// model is the same as mapping the finished tree.
///
/// With a catalog, each step of the sequence's top level is validated as an import is
/// (``ValidationStrength/imported``) as soon as it is mapped; its warnings are kept. From the
/// first error on nothing more is built: the rest is still mapped one top-level step at a time
/// to find its errors too (up to ``ImportValidation/defaultErrorLimit``, then only counted), and
/// freed as it goes; an XML error anywhere still wins.
///
/// Driven by ``SafeXMLParser``'s SAX hooks, on the parsing thread only. Its state is touched by
/// no one else and never by two overlapping accesses, so it goes without the runtime's
/// exclusivity checks (`@exclusivity(unchecked)`): with them, noting every element that starts
/// and ends cost more than the noting itself.
final class SequenceStream {
    private struct OpenElement {
        var isContainer: Bool
        var mapped: [SequenceNode] = []
    }

    /// What the document's root is, as far as this stream cares.
    private enum Root {
        case notYetSeen, sequence, instance, other
    }

    /// What one parse fed the stream; a parse done again starts from a new one.
    private struct Parse {
        var root = Root.notYetSeen
        var open: [OpenElement] = []
        /// What was mapped of the root element's children before it ended.
        var streamedRootChildren: [SequenceNode] = []
        /// Steps of the top level mapped so far: the next one's index in its path.
        var topLevelSteps = 0
        /// What validating the top-level steps found; nothing is built after its first error.
        var stepValidation = ImportValidation()
        /// Issues in `stepValidation` by severity, counted as they come (for the limits).
        var keptErrors = 0
        var keptWarnings = 0
        var hollowedCDATASections = 0
    }

    private let catalog: ActionCatalog?
    /// The attributes of the elements parsed for this stream, which libxml2 builds without them.
    let attributes = SAXAttributes()
    @exclusivity(unchecked) private var parse = Parse()

    /// What was mapped of the root element's children before it ended.
    var streamedRootChildren: [SequenceNode] { parse.streamedRootChildren }
    /// What validating the top-level steps found; nothing is built after its first error.
    var stepValidation: ImportValidation { parse.stepValidation }
    private var sawStepError: Bool { parse.stepValidation.refuses }
    /// Whether the root was a `<sequence>` whose every top-level step was validated here.
    var validatedSteps: Bool { catalog != nil && parse.open.isEmpty && parse.root == .sequence }
    /// How many CDATA sections the parse took without libxml2 reading them (``HollowedCDATA``).
    var hollowedCDATASections: Int {
        get { parse.hollowedCDATASections }
        set { parse.hollowedCDATASections = newValue }
    }

    /// Whether blank text in `parent` just before a child element, comment or PI means nothing
    /// to whoever reads this document, so it need not become a node (``SafeXMLParser``): in a
    /// `<sequence>`, ``SequenceMapper`` drops blank text beside any child that is not text; an
    /// object.xml `INSTANCE` is read element by element, and only a `VALUE`'s text whole.
    func dropsBlankText(in parent: XMLNodePointer) -> Bool {
        parse.root == .sequence || (parse.root == .instance && !parent.hasUnprefixedName("VALUE"))
    }

    /// Whether libxml2 is to build each element without attribute nodes, its attributes kept in
    /// ``attributes``: every element of a `<sequence>` document, which this stream maps. Other
    /// documents (a 2007 wrapper, an object.xml) are read from libxml2's tree as it stands;
    /// their sequences are parsed again on their own, and streamed.
    var readsAttributes: Bool { parse.root == .sequence }

    init(validatingWith catalog: ActionCatalog? = nil) {
        self.catalog = catalog
    }

    /// Called as the root element starts, before libxml2 builds it, with its name as written.
    func rootStarts(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?) {
        parse.root = prefix != nil ? .other : isSpelled(localName, "sequence") ? .sequence : isSpelled(localName, "INSTANCE") ? .instance : .other
    }

    /// Forgets what a parse that is to be done again fed it.
    func restart() {
        parse = Parse()
    }

    /// Called once libxml2 has added `element` to the tree.
    func started(_ element: XMLNodePointer) {
        let isContainer = if let parent = parse.open.last {
            parent.isContainer && element.hasUnprefixedName("group")
        } else {
            parse.root == .sequence
        }
        parse.open.append(OpenElement(isContainer: isContainer))
    }

    /// Called once libxml2 has closed `element`.
    func ended(_ element: XMLNodePointer) {
        guard let finished = parse.open.popLast() else { return }
        guard !parse.open.isEmpty else {
            parse.streamedRootChildren = finished.mapped
            return
        }
        guard parse.open[parse.open.count - 1].isContainer, let parent = element.pointee.parent else { return }
        let parentIsRoot = parse.open.count == 1
        var child = parent.pointee.children
        while let node = child {
            child = node.pointee.next
            let isEnded = node == element
            // After an error everything is still mapped, so each top-level step can be
            // validated, and then dropped.
            let mapped: SequenceNode? = isEnded && finished.isContainer
                ? .step(SequenceMapper.group(from: node, streamed: finished.mapped))
                : SequenceMapper.sequenceNode(from: node, blankIsInsignificant: true)
            if let mapped { keep(mapped, inRoot: parentIsRoot) }
            attributes.release(below: node)
            xmlUnlinkNode(node)
            xmlFreeNode(node)
            if isEnded { break }
        }
    }

    private func keep(_ node: SequenceNode, inRoot: Bool) {
        guard inRoot, let catalog, case .step(let step) = node else {
            parse.open[parse.open.count - 1].mapped.append(node)
            return
        }
        let path = StepPath().appending(step.kind, at: parse.topLevelSteps)
        parse.topLevelSteps += 1
        let found = step.importValidation(
            at: path, catalog: catalog,
            errorLimit: max(ImportValidation.defaultErrorLimit - parse.keptErrors, 0),
            warningLimit: max(ImportValidation.defaultWarningLimit - parse.keptWarnings, 0))
        let wasRefused = sawStepError
        parse.stepValidation.append(found)
        for issue in found.issues { if issue.severity == .error { parse.keptErrors += 1 } else { parse.keptWarnings += 1 } }
        if sawStepError {
            // Steps kept so far are no longer needed: only what the sequence's own checks read
            // (its global variables) stays.
            if !wasRefused { parse.open[parse.open.count - 1].mapped.removeAll { if case .step = $0 { true } else { false } } }
        } else {
            parse.open[parse.open.count - 1].mapped.append(node)
        }
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    /// Whether the element is `name` without a prefix (compared without making a String).
    func hasUnprefixedName(_ name: StaticString) -> Bool {
        isUnprefixed && hasLocalName(name)
    }
}
