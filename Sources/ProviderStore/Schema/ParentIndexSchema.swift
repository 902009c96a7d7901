/// Migration `v11-parent-indexes-without-top-level` (`postgresql-v7`): the indexes on a step's
/// and an operand's parent leave out the rows at the top (`parentID` NULL).
///
/// Those indexes answer "the children of X" (subtrees, and the cascade when X is deleted), which
/// never asks for NULL; the top level is found through `…_on_container` (package or step, then
/// parent). Every import added its top-level steps to one run of NULL keys in the middle of the
/// index, which dirtied (and split) several pages of it per commit — five of an import's forty
/// WAL frames. A query `parentID = ?` implies `parentID IS NOT NULL`, so both engines still use
/// the partial index for it.
enum ParentIndexSchema {
    static let sql = """
        DROP INDEX step_on_parent;
        CREATE INDEX step_on_parent ON step(parentID) WHERE parentID IS NOT NULL;
        DROP INDEX conditionOperand_on_parent;
        CREATE INDEX conditionOperand_on_parent ON conditionOperand(parentID) WHERE parentID IS NOT NULL;
        """
}
