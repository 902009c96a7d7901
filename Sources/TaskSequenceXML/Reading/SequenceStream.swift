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

    private let catalog: ActionCatalog?
    /// The attributes of the elements parsed for this stream, which libxml2 builds without them.
    let attributes = SAXAttributes()
    @exclusivity(unchecked) private var readsRootAttributes = false
    /// How many CDATA sections the parse took without libxml2 reading them (``HollowedCDATA``).
    @exclusivity(unchecked) var hollowedCDATASections = 0
    @exclusivity(unchecked) private var open: [OpenElement] = []
    /// What was mapped of the root element's children before it ended.
    @exclusivity(unchecked) private(set) var streamedRootChildren: [SequenceNode] = []
    /// Steps of the top level mapped so far: the next one's index in its path.
    @exclusivity(unchecked) private var topLevelSteps = 0
    /// What validating the top-level steps found; nothing is built after its first error.
    @exclusivity(unchecked) private(set) var stepValidation = ImportValidation()
    private var sawStepError: Bool { stepValidation.refuses }
    /// Issues in ``stepValidation`` by severity, counted as they come (for the limits).
    @exclusivity(unchecked) private var keptErrors = 0
    @exclusivity(unchecked) private var keptWarnings = 0
    /// Whether the root was a `<sequence>` whose every top-level step was validated here.
    var validatedSteps: Bool { catalog != nil && open.isEmpty && rootWasSequence }
    @exclusivity(unchecked) private var rootWasInstance = false

    /// Whether blank text in `parent` just before a child element, comment or PI means nothing
    /// to whoever reads this document, so it need not become a node (``SafeXMLParser``): in a
    /// `<sequence>`, ``SequenceMapper`` drops blank text beside any child that is not text; an
    /// object.xml `INSTANCE` is read element by element, and only a `VALUE`'s text whole.
    func dropsBlankText(in parent: XMLNodePointer) -> Bool {
        rootWasSequence || (rootWasInstance && !parent.hasUnprefixedName("VALUE"))
    }
    @exclusivity(unchecked) private var rootWasSequence = false

    init(validatingWith catalog: ActionCatalog? = nil) {
        self.catalog = catalog
    }

    /// Whether libxml2 is to build the element that starts without attribute nodes, its
    /// attributes kept in ``attributes``: every element of a `<sequence>` document, which this
    /// stream maps. Other documents (a 2007 wrapper, an object.xml) are read from libxml2's
    /// tree as it stands; their sequences are parsed again on their own, and streamed.
    func readsAttributes(ofElementNamed localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, isRoot: Bool) -> Bool {
        if isRoot, let localName { readsRootAttributes = prefix == nil && isSpelled(localName, "sequence") }
        return readsRootAttributes
    }

    /// Forgets what a parse that is to be done again fed it.
    func restart() {
        open = []
        streamedRootChildren = []
        topLevelSteps = 0
        stepValidation = ImportValidation()
        keptErrors = 0
        keptWarnings = 0
        rootWasInstance = false
        rootWasSequence = false
        readsRootAttributes = false
        hollowedCDATASections = 0
    }

    /// Called once libxml2 has added `element` to the tree.
    func started(_ element: XMLNodePointer) {
        let isContainer: Bool
        if let parent = open.last {
            isContainer = parent.isContainer && element.hasUnprefixedName("group")
        } else {
            isContainer = element.hasUnprefixedName("sequence")
            rootWasSequence = isContainer
            rootWasInstance = element.hasUnprefixedName("INSTANCE")
        }
        open.append(OpenElement(isContainer: isContainer))
    }

    /// Called once libxml2 has closed `element`.
    func ended(_ element: XMLNodePointer) {
        guard let finished = open.popLast() else { return }
        guard !open.isEmpty else {
            streamedRootChildren = finished.mapped
            return
        }
        guard open[open.count - 1].isContainer, let parent = element.pointee.parent else { return }
        let parentIsRoot = open.count == 1
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
            open[open.count - 1].mapped.append(node)
            return
        }
        let path = StepPath().appending(step.kind, at: topLevelSteps)
        topLevelSteps += 1
        let found = step.importValidation(
            at: path, catalog: catalog,
            errorLimit: max(ImportValidation.defaultErrorLimit - keptErrors, 0),
            warningLimit: max(ImportValidation.defaultWarningLimit - keptWarnings, 0))
        let wasRefused = sawStepError
        stepValidation.append(found)
        for issue in found.issues { if issue.severity == .error { keptErrors += 1 } else { keptWarnings += 1 } }
        if sawStepError {
            // Steps kept so far are no longer needed: only what the sequence's own checks read
            // (its global variables) stays.
            if !wasRefused { open[open.count - 1].mapped.removeAll { if case .step = $0 { true } else { false } } }
        } else {
            open[open.count - 1].mapped.append(node)
        }
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    /// Whether the element is `name` without a prefix (compared without making a String).
    func hasUnprefixedName(_ name: StaticString) -> Bool {
        isUnprefixed && hasLocalName(name)
    }
}
