/// Migration `v14-class-indexes-within-their-container` (`postgresql-v9`): the class of a step and
/// of a condition operand is indexed behind the package (steps) or the step (operands) it belongs
/// to, not on its own.
///
/// An index led by the class puts a new package's rows on one leaf per class the package uses:
/// every import dirtied five or six pages of `step_on_className_nocase` and
/// `conditionOperand_on_className_nocase` (of ~38 log frames a commit), all compared through
/// NOCASE. Behind the package or step, whose keys only grow, a new package's entries are appended
/// to one leaf. WQL still finds the rows of a class through an index: the class is in the index
/// beside the row's key, so SQLite reads that index whole (a few dozen bytes an entry) instead of
/// the table, and then only the rows found (`QuerySource.ClassLookup`); with the package given
/// too (`WHERE PackageID = …`), it seeks. The step index also answers WQL's caseless `PackageID`
/// filter, as `step_on_packageID_nocase` did.
///
/// PostgreSQL's indexes follow (its `citext` columns compare without case, as NOCASE does):
/// its `step_on_className` and `conditionOperand_on_className_nocase` give way to the same two.
enum ClassIndexSchema {
    static let sqlite = """
        DROP INDEX step_on_packageID_nocase;
        DROP INDEX step_on_className_nocase;
        CREATE INDEX step_on_packageID_className_nocase ON step(packageID COLLATE NOCASE, className COLLATE NOCASE);
        DROP INDEX conditionOperand_on_className_nocase;
        DROP INDEX conditionOperand_on_container;
        CREATE INDEX conditionOperand_on_container ON conditionOperand(stepID, parentID, position, className COLLATE NOCASE);
        """

    static let postgresql = """
        DROP INDEX step_on_className;
        CREATE INDEX step_on_packageID_className_nocase ON step(packageID, className);
        DROP INDEX conditionOperand_on_className_nocase;
        DROP INDEX conditionOperand_on_container;
        CREATE INDEX conditionOperand_on_container ON conditionOperand(stepID, parentID, position, className);
        """
}
